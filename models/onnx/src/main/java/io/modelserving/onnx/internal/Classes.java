package io.modelserving.onnx.internal;

import io.modelserving.Prediction;
import java.util.List;
import java.util.Map;

/** Builds classification predictions the same way for every kind of classifier output. */
final class Classes {

    private Classes() {
    }

    /**
     * A class prediction whose value is the label read as a number, or else the class's position among the
     * probabilities, or else NaN.
     */
    static Prediction prediction(String label, Map<String, Double> probabilities) {
        double value = number(label);
        if (Double.isNaN(value)) {
            value = List.copyOf(probabilities.keySet()).indexOf(label);
            value = value < 0 ? Double.NaN : value;
        }
        return Prediction.ofClass(value, label, probabilities);
    }

    /** The label of column {@code index}: the configured label, or the index itself. */
    static String label(List<String> labels, int index) {
        return labels.isEmpty() ? Integer.toString(index) : labels.get(index);
    }

    static double number(String label) {
        try {
            return Double.parseDouble(label);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
