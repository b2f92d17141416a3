package io.modelserving;

import java.util.Optional;

/**
 * The outcome of scoring one record: a value, never an exception.
 *
 * <pre>{@code
 * ScoringResult<Prediction> result = scorer.score(record);
 * if (result instanceof ScoringResult.Scored<Prediction> scored) {
 *     use(scored.value(), scored.model().label());
 * }
 * }</pre>
 *
 * @param <O> the result type of the model
 */
public sealed interface ScoringResult<O> {

    /** The record's data type. */
    String dataType();

    /** The model that handled the record, if there was one. */
    Optional<ModelInfo> modelInfo();

    default boolean isScored() {
        return this instanceof Scored;
    }

    /** Scored by {@code model} in {@code durationNanos}. */
    record Scored<O>(String dataType, O value, ModelInfo model, long durationNanos) implements ScoringResult<O> {
        @Override
        public Optional<ModelInfo> modelInfo() {
            return Optional.of(model);
        }
    }

    /** The record could not be scored; {@code reason} says why. {@code model} is null when no model was involved. */
    record Failed<O>(String dataType, String reason, ModelInfo model, long durationNanos)
            implements ScoringResult<O> {
        @Override
        public Optional<ModelInfo> modelInfo() {
            return Optional.ofNullable(model);
        }
    }

    /** No model has been accepted for this data type yet. */
    record NoModel<O>(String dataType) implements ScoringResult<O> {
        @Override
        public Optional<ModelInfo> modelInfo() {
            return Optional.empty();
        }

        public String reason() {
            return "no model for data type '" + dataType + "'";
        }
    }
}
