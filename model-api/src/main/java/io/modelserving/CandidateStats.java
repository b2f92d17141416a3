package io.modelserving;

import java.time.Duration;

/**
 * An immutable snapshot of a data type's shadow, canary or ensemble member, beside the primary's in
 * {@link ServingStats}.
 * Counters cover this model in this role only: they start again when it is replaced or promoted.
 *
 * @param model         the model, with its role
 * @param canaryPercent the share of keys it serves as a canary; 0 for a shadow
 * @param invocations   records it scored, failures included (for a shadow, calls that ran within the deadline)
 * @param failures      records it failed on
 * @param totalNanos    time spent scoring
 * @param comparison    how a shadow's results compared with the served ones; null for a canary
 * @param p99Nanos      the 99th percentile of its scoring time per record, to within 10 %; 0 before the first
 */
public record CandidateStats(ModelInfo model, double canaryPercent, long invocations, long failures,
                             long totalNanos, ShadowComparison comparison, long p99Nanos) {

    /** Stats whose p99 was not measured. */
    public CandidateStats(ModelInfo model, double canaryPercent, long invocations, long failures, long totalNanos,
                          ShadowComparison comparison) {
        this(model, canaryPercent, invocations, failures, totalNanos, comparison, 0);
    }

    public ModelRole role() {
        return model.role();
    }

    public Duration p99() {
        return Duration.ofNanos(p99Nanos);
    }

    /** A line for logs and headers: a shadow's comparison, or what a canary or member served. */
    public String summary() {
        return comparison != null ? comparison.summary() : String.format(java.util.Locale.ROOT,
                "%d served, %d failed, p99 %.3f ms", invocations, failures, p99Nanos / 1e6);
    }

    /** Mean scoring time; zero before the first call. */
    public Duration mean() {
        return invocations == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / invocations);
    }
}
