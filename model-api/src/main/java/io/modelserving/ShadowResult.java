package io.modelserving;

import java.util.Objects;

/**
 * What a shadow model made of a record that another model served: its own result, and how it compares with the
 * served one. Recorded and counted, never served.
 *
 * <pre>{@code
 * scored.shadowIfAny().ifPresent(shadow -> log.info("shadow {}: {}", shadow.model().label(), shadow.status()));
 * }</pre>
 *
 * @param model      the shadow model
 * @param result     its result: {@link ScoringResult.Scored}, or {@link ScoringResult.Failed} when it failed, ran
 *                   past the shadow deadline or was skipped because earlier calls still held every shadow thread
 * @param compared   whether both the served and the shadow result are scores, so they were compared
 * @param agrees     whether they agree ({@link ResultComparison}); false when not compared
 * @param difference the absolute difference of their values; NaN when not compared or not numeric
 * @param status     what became of the shadow's call
 * @param <O> the result type
 */
public record ShadowResult<O>(ModelInfo model, ScoringResult<O> result, boolean compared, boolean agrees,
                              double difference, Status status) {

    /** What became of a shadow's call for a record. */
    public enum Status {
        /** The shadow scored the record. */
        SCORED,
        /** The shadow model failed on the record. */
        FAILED,
        /** Its result was not ready within the shadow deadline after the served one, so it was not waited for. */
        TIMED_OUT,
        /** Not given to the shadow: every shadow thread was still busy with earlier calls. */
        SKIPPED
    }

    public ShadowResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(status, "status");
    }

    /** A shadow result whose status follows from {@code result}: scored, or failed. */
    public ShadowResult(ModelInfo model, ScoringResult<O> result, boolean compared, boolean agrees,
                        double difference) {
        this(model, result, compared, agrees, difference, result.isScored() ? Status.SCORED : Status.FAILED);
    }
}
