package io.modelserving;

import java.util.List;

/**
 * Picks the result served for one record among the answers of an ensemble's members (the primary among them).
 * Called on the scoring thread as each member answers, and once more when no more answers will come; it must be
 * quick and must not block.
 *
 * <pre>{@code
 * // serve the first answer above 0.5, or else the first answer at all once every member is in
 * EnsembleDecider<Prediction> decider = (answers, asked, last) -> {
 *     for (int i = 0; i < answers.size(); i++) {
 *         if (answers.get(i) instanceof ScoringResult.Scored<Prediction> s && s.value().value() > 0.5) return i;
 *     }
 *     return last && !answers.isEmpty() ? 0 : EnsembleDecider.WAIT;
 * };
 * ModelProcessor.<Features, Prediction>builder().decider("above-half", decider).build();
 * }</pre>
 *
 * @param <O> the result type
 */
@FunctionalInterface
public interface EnsembleDecider<O> {

    /** Returned to wait for more answers; when {@code last}, it fails the record instead. */
    int WAIT = -1;

    /**
     * The answer to serve, as an index into {@code answers}, or {@link #WAIT}.
     *
     * @param answers the answers so far, in the order they came: {@link ScoringResult.Scored} or
     *                {@link ScoringResult.Failed}, each naming its model
     * @param asked   how many members were asked to score the record
     * @param last    whether no more answers will come (all have answered, or the deadline has passed): then
     *                {@link #WAIT} means that no answer is acceptable and the record fails
     */
    int choose(List<ScoringResult<O>> answers, int asked, boolean last);
}
