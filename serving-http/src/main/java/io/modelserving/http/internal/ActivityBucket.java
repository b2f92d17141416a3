package io.modelserving.http.internal;

import io.modelserving.kafka.DeadLetterKind;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one time bucket of the activity ring, reused for a later bucket once its time has passed.
 *
 * <p>Recording is lock-free: it checks the bucket's index (a volatile read) and adds to counters. Only the first
 * event of a new bucket takes this bucket's lock, to clear it; that happens once per bucket length, not per record.
 * An event for a bucket older than the one held is dropped: its time has left the window.
 */
public final class ActivityBucket {

    private static final DeadLetterKind[] KINDS = DeadLetterKind.values();

    private volatile long index = Long.MIN_VALUE;
    private final LongAdder scored = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder noModel = new LongAdder();
    private final AtomicLongArray deadLetters = new AtomicLongArray(KINDS.length);
    private final AtomicLongArray latencies = new AtomicLongArray(LatencyBins.COUNT);

    /** Counts a scored record and its scoring time, if the bucket holds {@code at}. */
    public void scored(long at, long nanos) {
        if (holds(at)) {
            scored.increment();
            latencies.incrementAndGet(LatencyBins.of(nanos));
        }
    }

    /** Counts a failed record and, when a model ran ({@code nanos >= 0}), its scoring time. */
    public void failed(long at, long nanos) {
        if (holds(at)) {
            failed.increment();
            if (nanos >= 0) {
                latencies.incrementAndGet(LatencyBins.of(nanos));
            }
        }
    }

    public void noModel(long at) {
        if (holds(at)) {
            noModel.increment();
        }
    }

    public void deadLettered(long at, DeadLetterKind kind) {
        if (holds(at)) {
            deadLetters.incrementAndGet(kind.ordinal());
        }
    }

    /** What the bucket counted for {@code at}; all zero when it holds another bucket's counts. */
    public Counts read(long at) {
        long[] bins = new long[LatencyBins.COUNT];
        long[] letters = new long[KINDS.length];
        if (index != at) {
            return new Counts(0, 0, 0, letters, bins);
        }
        for (int i = 0; i < bins.length; i++) {
            bins[i] = latencies.get(i);
        }
        for (int i = 0; i < letters.length; i++) {
            letters[i] = deadLetters.get(i);
        }
        return new Counts(scored.sum(), failed.sum(), noModel.sum(), letters, bins);
    }

    /** Whether the bucket now counts for {@code at}, clearing it first when it held an older bucket. */
    private boolean holds(long at) {
        long current = index;
        if (current == at) {
            return true;
        }
        if (current > at) {
            return false;
        }
        synchronized (this) {
            if (index < at) {
                scored.reset();
                failed.reset();
                noModel.reset();
                for (int i = 0; i < KINDS.length; i++) {
                    deadLetters.set(i, 0);
                }
                for (int i = 0; i < LatencyBins.COUNT; i++) {
                    latencies.set(i, 0);
                }
                index = at;   // last: a recorder that sees the new index adds to cleared counters
            }
            return index == at;
        }
    }

    /**
     * A bucket's counts.
     *
     * @param deadLetters by {@link DeadLetterKind#ordinal()}
     * @param latencies   by {@link LatencyBins} bin
     */
    public record Counts(long scored, long failed, long noModel, long[] deadLetters, long[] latencies) {

        /** The dead-letter count of a kind. */
        public long deadLetters(DeadLetterKind kind) {
            return deadLetters[kind.ordinal()];
        }
    }
}
