package io.modelserving;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, ready-to-score model: what users implement for their ML framework.
 *
 * <p>A model is created by a {@link io.modelserving.spi.ModelFactory} from a {@link ModelDescriptor},
 * used by many threads at once through a {@link Scorer}, and closed by the {@link ModelProcessor} once it
 * has been replaced and no call is still running on it. Implementations must therefore be thread-safe.
 *
 * <pre>{@code
 * final class ThresholdModel implements Model<Features, Prediction> {
 *     private final double threshold;
 *     ThresholdModel(double threshold) { this.threshold = threshold; }
 *     public Prediction score(Features input) {
 *         return Prediction.of(input.value(0) > threshold ? 1 : 0);
 *     }
 * }
 * }</pre>
 *
 * @param <I> the record type the model scores
 * @param <O> the result type
 */
public interface Model<I, O> extends AutoCloseable {

    /**
     * Scores one record.
     *
     * @throws Exception when the record cannot be scored; the caller turns it into a failure value
     */
    O score(I input) throws Exception;

    /**
     * Scores several records at once, returning one result per input in the same order. The default loops
     * over {@link #score}; runtimes that can run a whole batch in one call should override it.
     */
    default List<O> scoreBatch(List<I> inputs) throws Exception {
        List<O> results = new ArrayList<>(inputs.size());
        for (I input : inputs) {
            results.add(score(input));
        }
        return results;
    }

    /** Its inputs and outputs, where the format describes them; empty by default. */
    default Optional<ModelSignature> signature() {
        return Optional.empty();
    }

    /** Releases native resources. Called once, after the last scoring call has returned. */
    @Override
    default void close() throws Exception {
    }
}
