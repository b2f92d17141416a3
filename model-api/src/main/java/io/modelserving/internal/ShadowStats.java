package io.modelserving.internal;

import io.modelserving.ResultComparison;
import io.modelserving.ShadowComparison;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A shadow model's comparison counters since it became the shadow. */
public final class ShadowStats {

    private final LongAdder records = new LongAdder();
    private final LongAdder compared = new LongAdder();
    private final LongAdder agreed = new LongAdder();
    private final LongAdder differences = new LongAdder();
    private final DoubleAdder differenceSum = new DoubleAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();

    public void offered(int count) {
        records.add(count);
    }

    public void compared(ResultComparison.Outcome outcome) {
        compared.increment();
        if (outcome.agrees()) {
            agreed.increment();
        }
        if (!Double.isNaN(outcome.difference())) {
            differences.increment();
            differenceSum.add(outcome.difference());
        }
    }

    public void timedOut(int count) {
        timedOut.add(count);
    }

    public void skipped(int count) {
        skipped.add(count);
    }

    /** One call's time per record, {@code count} times. */
    public void took(long nanosPerRecord, int count) {
        for (int i = 0; i < count; i++) {
            latency.record(nanosPerRecord);
        }
    }

    public ShadowComparison snapshot(long failures) {
        long numeric = differences.sum();
        return new ShadowComparison(records.sum(), compared.sum(), agreed.sum(),
                numeric == 0 ? Double.NaN : differenceSum.sum() / numeric, failures, timedOut.sum(), skipped.sum(),
                latency.percentile(0.99));
    }
}
