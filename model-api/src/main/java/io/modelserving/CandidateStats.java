package io.modelserving;

import java.time.Duration;

/**
 * An immutable snapshot of a data type's shadow or canary model, beside the primary's in {@link ServingStats}.
 * Counters cover this model in this role only: they start again when it is replaced or promoted.
 *
 * @param model         the model, with its role
 * @param canaryPercent the share of keys it serves as a canary; 0 for a shadow
 * @param invocations   records it scored, failures included (for a shadow, calls that ran within the deadline)
 * @param failures      records it failed on
 * @param totalNanos    time spent scoring
 * @param comparison    how a shadow's results compared with the served ones; null for a canary
 */
public record CandidateStats(ModelInfo model, double canaryPercent, long invocations, long failures,
                             long totalNanos, ShadowComparison comparison) {

    public ModelRole role() {
        return model.role();
    }

    /** Mean scoring time; zero before the first call. */
    public Duration mean() {
        return invocations == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / invocations);
    }
}
