package io.modelserving;

import java.util.Objects;

/**
 * What a shadow model made of a record that another model served: its own result, and how it compares with the
 * served one. Recorded and counted, never served.
 *
 * <pre>{@code
 * scored.shadow().ifPresent(shadow -> log.info("shadow {} agrees: {}", shadow.model().label(), shadow.agrees()));
 * }</pre>
 *
 * @param model      the shadow model
 * @param result     its result: {@link ScoringResult.Scored}, or {@link ScoringResult.Failed} when it failed, ran
 *                   past the shadow deadline or was skipped because earlier calls still held every shadow thread
 * @param compared   whether both the served and the shadow result are scores, so they were compared
 * @param agrees     whether they agree ({@link ResultComparison}); false when not compared
 * @param difference the absolute difference of their values; NaN when not compared or not numeric
 * @param <O> the result type
 */
public record ShadowResult<O>(ModelInfo model, ScoringResult<O> result, boolean compared, boolean agrees,
                              double difference) {

    public ShadowResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(result, "result");
    }
}
