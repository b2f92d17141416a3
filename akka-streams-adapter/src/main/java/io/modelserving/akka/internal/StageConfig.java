package io.modelserving.akka.internal;

import io.modelserving.ModelProcessor;
import io.modelserving.ModelUpdate;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What a {@link ServingStage} needs.
 *
 * @param processor          holds the models; the stage offers it every model and asks it whether a data type
 *                           has one
 * @param dataTypeToWaitFor  the data type an element needs a model for, or null when it needs none (it will not
 *                           be scored, e.g. undecodable bytes)
 * @param scorer             scores a batch
 * @param parallelism        batches scored at once; 1 scores on the stage's own thread
 * @param noModelWait        how long a batch waits for a missing model; zero to pass it on at once
 * @param awaitRestore       hold data until the model inlet sends {@link ModelEvent.Restored}
 * @param updateListener     told each update outcome with the tag of its {@link ModelEvent.Load}, on the stage's
 *                           thread
 * @param scoringDispatcher  dispatcher id for parallel scoring; empty for the materializer's
 * @param loadingDispatcher  dispatcher id for loading models (blocking)
 */
public record StageConfig<E, R>(ModelProcessor<?, ?> processor, Function<E, String> dataTypeToWaitFor,
                                BatchScorer<E, R> scorer, int parallelism, Duration noModelWait,
                                boolean awaitRestore, BiConsumer<ModelUpdate, Object> updateListener,
                                String scoringDispatcher, String loadingDispatcher) {

    public StageConfig {
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(dataTypeToWaitFor, "dataTypeToWaitFor");
        Objects.requireNonNull(scorer, "scorer");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        if (noModelWait == null || noModelWait.isNegative()) {
            throw new IllegalArgumentException("no-model wait must be zero or positive, was " + noModelWait);
        }
        updateListener = updateListener == null ? (update, tag) -> { } : updateListener;
        scoringDispatcher = scoringDispatcher == null ? "" : scoringDispatcher;
        Objects.requireNonNull(loadingDispatcher, "loadingDispatcher");
    }
}
