package io.modelserving.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/** Scoring times in buckets 10 % wide, for percentiles without keeping every time; lock-free. */
public final class LatencyHistogram {

    private static final double GROWTH = 1.1;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    // 1.1^320 ns is far beyond any call anyone waits for; longer calls fall in the last bucket.
    private static final int BUCKETS = 320;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        counts.incrementAndGet(bucket(nanos));
    }

    /** The upper bound of the bucket holding the {@code quantile} (0..1) of the times recorded; 0 when none. */
    public long percentile(double quantile) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    static int bucket(long nanos) {
        if (nanos <= 1) {
            return 0;
        }
        return (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(nanos) / LOG_GROWTH));
    }

    static long upperBound(int bucket) {
        return (long) Math.floor(Math.pow(GROWTH, bucket));
    }
}
