package io.modelserving.pmml.internal;

import io.modelserving.Prediction;
import io.modelserving.pmml.PmmlModelException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads pmml4s results laid out as {@code [predicted value, probability of class 1, ..., class n]}: the output
 * fields this library sets on every model, whatever its own Output element says.
 */
public final class OutputMapping {

    private final boolean classification;
    private final List<String> classes;

    /** {@code classes} are those the probabilities are given for: none for a regression. */
    public OutputMapping(boolean classification, List<String> classes) {
        this.classification = classification;
        this.classes = List.copyOf(classes);
    }

    /** Whether pmml4s gave no predicted value, as it does for a record with missing or invalid values. */
    public static boolean gaveNoPrediction(Object[] result) {
        Object predicted = result.length == 0 ? null : result[0];
        return predicted == null || predicted instanceof Double d && d.isNaN();
    }

    public Prediction prediction(Object[] result) {
        if (gaveNoPrediction(result)) {
            throw new PmmlModelException("The PMML model gave no prediction for this record (are some of its values"
                    + " missing or out of the model's range?)");
        }
        Object predicted = result[0];
        if (!classification) {
            if (!(predicted instanceof Number number)) {
                throw new PmmlModelException("The PMML regression predicted a " + predicted.getClass().getSimpleName()
                        + " ('" + predicted + "'), not a number");
            }
            return Prediction.of(number.doubleValue());
        }
        String label = String.valueOf(predicted);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            Object p = result[c + 1];
            double probability = p instanceof Number n ? n.doubleValue() : Double.NaN;
            if (Double.isNaN(probability)) {
                throw new PmmlModelException("The PMML model gave no probability for class '" + classes.get(c) + "'");
            }
            probabilities.put(classes.get(c), probability);
        }
        return Prediction.ofClass(classValue(label), label, probabilities);
    }

    // The class as a number when it is one (quality "5"), else its position in the model's classes.
    private double classValue(String label) {
        try {
            return Double.parseDouble(label);
        } catch (NumberFormatException e) {
            int index = classes.indexOf(label);
            return index < 0 ? Double.NaN : index;
        }
    }
}
