package io.modelserving.akka.internal.stage;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What the {@link ServingStage} does with what it receives; the stage itself only moves elements, threads and
 * timers. Every decision (how a model element is applied, which records must wait, how a batch is scored) is the
 * serving core's, behind this interface.
 *
 * @param <E> a data element
 * @param <R> the output of one data element
 * @param <M> a model element
 */
public interface StagePlan<E, R, M> {

    /** Applies a model element; returns at once (loading happens elsewhere). */
    void model(M element);

    /** The model stream completed: nothing more to restore. */
    void modelsEnded();

    /** Completes when data may start to flow: the restored models are loaded. */
    CompletableFuture<Void> restored();

    /** The data types whose models {@code batch} must wait for; empty to score it at once. */
    Set<String> mustWaitFor(List<E> batch);

    /** Completes when none of {@code dataTypes} is loading any more. */
    CompletableFuture<Void> whenLoaded(Set<String> dataTypes);

    /** A wait for {@code dataTypes} timed out. */
    void gaveUp(Set<String> dataTypes);

    /** The longest a batch waits for a loading model. */
    Duration noModelWait();

    /**
     * Takes the current models for {@code batch} now, on the stage's thread, in stream order; the supplier then
     * scores it with exactly those, possibly on another thread, giving one output per element in order. It must
     * not throw for a bad element. Pinning in order is what keeps a partition's records from ever seeing a model
     * go backwards while batches are scored in parallel.
     */
    Supplier<List<R>> pin(List<E> batch);
}
