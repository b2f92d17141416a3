package io.modelserving;

import java.util.Objects;

/**
 * Decides whether a shadow's result agrees with the result served for the same record, and by how much they
 * differ. The default ({@link #numeric}) compares a {@link Prediction}'s label when both results have one and
 * its value otherwise, and a {@link Number} by value; set another on {@link ModelProcessor.Builder#comparison}.
 *
 * <pre>{@code
 * // wine quality: agree when the predicted qualities are within half a point
 * ModelProcessor.<Features, Prediction>builder().comparison(ResultComparison.numeric(0.5)).build();
 * }</pre>
 *
 * @param <O> the result type
 */
@FunctionalInterface
public interface ResultComparison<O> {

    /** Compares a shadow's result with the served one; never null. */
    Outcome compare(O served, O shadow);

    /**
     * Whether two results agree, and the absolute difference of their values (NaN when they have none).
     *
     * @param agrees     whether they agree
     * @param difference the absolute difference, or NaN
     */
    record Outcome(boolean agrees, double difference) {
    }

    /**
     * Labels when both results carry one (classification: agree when equal), values otherwise (agree when
     * {@code |served - shadow| <= tolerance}). Works on {@link Prediction} and {@link Number}; any other type
     * agrees when {@link Object#equals} says so.
     *
     * @throws IllegalArgumentException when {@code tolerance} is negative or not a number
     */
    static <O> ResultComparison<O> numeric(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be zero or more, was " + tolerance);
        }
        return (served, shadow) -> {
            double difference = Math.abs(value(served) - value(shadow));
            if (served instanceof Prediction a && shadow instanceof Prediction b
                    && !a.label().isEmpty() && !b.label().isEmpty()) {
                return new Outcome(a.label().equals(b.label()), difference);
            }
            if (Double.isNaN(difference)) {
                return new Outcome(Objects.equals(served, shadow), difference);
            }
            return new Outcome(difference <= tolerance, difference);
        };
    }

    private static double value(Object result) {
        if (result instanceof Prediction prediction) {
            return prediction.value();
        }
        return result instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
