package io.modelserving.internal;

import io.modelserving.Prediction;
import java.util.Map;
import java.util.Optional;

/**
 * Finds NaN and infinite numbers in a model's output, which would otherwise travel downstream as if they were
 * scores. Checks a {@link Prediction} (its value and every class probability), a {@link Double} or
 * {@link Float}, and every element of a {@code double[]} or {@code float[]}; any other output passes.
 */
public final class FiniteResults {

    private static final String PREFIX = "model returned a non-finite result: ";

    private FiniteResults() {
    }

    /** Why {@code output} is not finite, as a failure reason; empty when it is finite or not checked. */
    public static Optional<String> problem(Object output) {
        String detail = detail(output);
        return detail == null ? Optional.empty() : Optional.of(PREFIX + detail);
    }

    private static String detail(Object output) {
        if (output instanceof Prediction prediction) {
            return prediction(prediction);
        }
        if (output instanceof Double || output instanceof Float) {
            double value = ((Number) output).doubleValue();
            return Double.isFinite(value) ? null : Double.toString(value);
        }
        if (output instanceof double[] values) {
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    return "element #" + i + " is " + values[i];
                }
            }
        } else if (output instanceof float[] values) {
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    return "element #" + i + " is " + values[i];
                }
            }
        }
        return null;
    }

    private static String prediction(Prediction prediction) {
        if (!Double.isFinite(prediction.value())) {
            return "value " + prediction.value();
        }
        for (Map.Entry<String, Double> entry : prediction.probabilities().entrySet()) {
            Double probability = entry.getValue();
            if (probability != null && !Double.isFinite(probability)) {
                return "probability of class '" + entry.getKey() + "' is " + probability;
            }
        }
        return null;
    }
}
