package io.modelserving;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The ready-made {@link EnsembleDecider}s, by the names an {@link Ensemble} gives on the model topic. A processor
 * knows all three; {@link ModelProcessor.Builder#decider} adds others.
 */
public final class EnsembleDeciders {

    /** The first answer that is a score: the fastest member wins. */
    public static final String FIRST_VALID = "first-valid";

    /** The score most members agree with, by the processor's {@link ResultComparison}. */
    public static final String MAJORITY = "majority";

    /** The score of highest confidence, once every member has answered or the deadline has passed. */
    public static final String HIGHEST_CONFIDENCE = "highest-confidence";

    private EnsembleDeciders() {
    }

    /** Serves the first score to arrive; fails the record only when no member scored it in time. */
    public static <O> EnsembleDecider<O> firstValid() {
        return (answers, asked, last) -> {
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).isScored()) {
                    return i;
                }
            }
            return EnsembleDecider.WAIT;
        };
    }

    /**
     * Serves a score as soon as more than half of the members asked agree with it (itself included), by
     * {@code comparison}. When no more answers will come without such a majority, serves the score that most
     * of the scores in agree with, the earliest among equals; a record with no score fails.
     */
    public static <O> EnsembleDecider<O> majority(ResultComparison<O> comparison) {
        Objects.requireNonNull(comparison, "comparison");
        return (answers, asked, last) -> {
            int best = EnsembleDecider.WAIT;
            int bestVotes = 0;
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i) instanceof ScoringResult.Scored<O> candidate) {
                    int votes = votes(candidate.value(), answers, comparison);
                    if (votes > bestVotes) {
                        best = i;
                        bestVotes = votes;
                    }
                }
            }
            return bestVotes * 2 > asked || last ? best : EnsembleDecider.WAIT;
        };
    }

    /**
     * Serves the score of highest {@code confidence} once no more answers will come (or every member asked has
     * scored); a score whose confidence is NaN counts below every other, and a record with no score fails.
     */
    public static <O> EnsembleDecider<O> highestConfidence(ToDoubleFunction<? super O> confidence) {
        Objects.requireNonNull(confidence, "confidence");
        return (answers, asked, last) -> {
            if (!last && answers.size() < asked) {
                return EnsembleDecider.WAIT;
            }
            int best = EnsembleDecider.WAIT;
            double bestConfidence = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i) instanceof ScoringResult.Scored<O> scored) {
                    double value = confidence.applyAsDouble(scored.value());
                    if (best == EnsembleDecider.WAIT || value > bestConfidence) {
                        best = i;
                        bestConfidence = Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
                    }
                }
            }
            return best;
        };
    }

    /**
     * A {@link Prediction}'s confidence: the probability of its class (its highest class probability); NaN for a
     * result without probabilities, or not a prediction.
     */
    public static double predictionConfidence(Object result) {
        if (!(result instanceof Prediction prediction) || prediction.probabilities().isEmpty()) {
            return Double.NaN;
        }
        Double ofLabel = prediction.probabilities().get(prediction.label());
        return ofLabel != null ? ofLabel : prediction.probabilities().values().stream()
                .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static <O> int votes(O value, List<ScoringResult<O>> answers, ResultComparison<O> comparison) {
        int votes = 0;
        for (ScoringResult<O> answer : answers) {
            if (answer instanceof ScoringResult.Scored<O> other && comparison.compare(value, other.value()).agrees()) {
                votes++;
            }
        }
        return votes;
    }
}
