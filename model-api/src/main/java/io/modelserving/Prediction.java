package io.modelserving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The common output of the ready-made models.
 *
 * <p>A regression gives a {@code value}; a classifier gives its predicted class as {@code label} (and as
 * {@code value} when the class is numeric) plus per-class probabilities when the model provides them.
 *
 * @param value         the predicted value, or the numeric class
 * @param label         the predicted class label; empty for regressions
 * @param probabilities class label to probability, in the model's class order; empty when not given
 */
public record Prediction(double value, String label, Map<String, Double> probabilities) {

    public Prediction {
        label = label == null ? "" : label;
        Objects.requireNonNull(probabilities, "probabilities");
        // Regressions, the common case, carry no probabilities: share the empty map instead of copying it.
        probabilities = probabilities.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    /** A regression result. */
    public static Prediction of(double value) {
        return new Prediction(value, "", Map.of());
    }

    /** A classification result. */
    public static Prediction ofClass(double value, String label, Map<String, Double> probabilities) {
        return new Prediction(value, label, probabilities);
    }
}
