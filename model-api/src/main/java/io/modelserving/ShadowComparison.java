package io.modelserving;

import java.time.Duration;

/**
 * How a shadow model's results compared with the results served for the same records, since it became the
 * shadow.
 *
 * @param records        records offered to the shadow
 * @param compared       records both the served model and the shadow scored, so compared
 * @param agreed         compared records on which they agreed ({@link ResultComparison})
 * @param meanAbsoluteDifference mean of {@code |served - shadow|} over compared records with numeric values;
 *                       NaN when there were none
 * @param failures       records the shadow failed on
 * @param timedOut       records whose shadow result came after the shadow deadline (not waited for)
 * @param skipped        records not given to the shadow because earlier calls still held every shadow thread
 * @param p99Nanos       the 99th percentile of the shadow's scoring time per call, to within 10 %; 0 before the
 *                       first call
 */
public record ShadowComparison(long records, long compared, long agreed, double meanAbsoluteDifference,
                               long failures, long timedOut, long skipped, long p99Nanos) {

    /** Share of compared records on which the shadow agreed; NaN before the first comparison. */
    public double agreementRate() {
        return compared == 0 ? Double.NaN : (double) agreed / compared;
    }

    public Duration p99() {
        return Duration.ofNanos(p99Nanos);
    }

    /** A line for logs and headers: {@code 1000 compared, 99.5% agreed, mean |diff| 0.012, p99 3 ms, ...}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d compared, %.1f%% agreed, mean |diff| %.4g, p99 %.3f ms, %d failed, %d timed out, %d skipped",
                compared, 100 * agreementRate(), meanAbsoluteDifference, p99Nanos / 1e6, failures, timedOut, skipped);
    }
}
