package io.modelserving.akka.javadsl;

import akka.actor.ActorSystem;
import com.typesafe.config.Config;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingListener;
import io.modelserving.micrometer.ServingMetrics;
import java.time.Duration;
import java.util.Objects;

/**
 * How a serving stream scores: parallelism, micro-batching, what happens without a model, and where models load.
 * Immutable: every {@code withX} returns a copy. Defaults come from {@code modelserving.akka} in
 * {@code reference.conf}, where every key is explained.
 *
 * <pre>{@code
 * ServingSettings settings = ServingSettings.create(system)
 *         .withParallelism(4)
 *         .withBatch(64, Duration.ofMillis(2))
 *         .withNoModelPolicy(NoModelPolicy.WAIT)
 *         .withNoModelWait(Duration.ofSeconds(10));
 * }</pre>
 */
public final class ServingSettings {

    /** The config section read by {@link #create(Config)}. */
    public static final String CONFIG_PATH = "modelserving.akka";

    private final int parallelism;
    private final int batchSize;
    private final Duration batchWindow;
    private final NoModelPolicy noModelPolicy;
    private final Duration noModelWait;
    private final String scoringDispatcher;
    private final String modelLoadingDispatcher;
    private final ServingListener listener;

    private ServingSettings(int parallelism, int batchSize, Duration batchWindow, NoModelPolicy noModelPolicy,
                            Duration noModelWait, String scoringDispatcher, String modelLoadingDispatcher,
                            ServingListener listener) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be at least 1, was " + batchSize);
        }
        if (batchWindow == null || batchWindow.isZero() || batchWindow.isNegative()) {
            throw new IllegalArgumentException("batch-window must be positive, was " + batchWindow);
        }
        this.parallelism = parallelism;
        this.batchSize = batchSize;
        this.batchWindow = batchWindow;
        this.noModelPolicy = Objects.requireNonNull(noModelPolicy, "noModelPolicy");
        this.noModelWait = NoModelPolicy.checkWaitTimeout(noModelWait);
        this.scoringDispatcher = Objects.requireNonNull(scoringDispatcher, "scoringDispatcher");
        if (modelLoadingDispatcher == null || modelLoadingDispatcher.isBlank()) {
            throw new IllegalArgumentException("model-loading-dispatcher must name a dispatcher, was '"
                    + modelLoadingDispatcher + "'");
        }
        this.modelLoadingDispatcher = modelLoadingDispatcher;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The settings of the system's {@code modelserving.akka} config section. */
    public static ServingSettings create(ActorSystem system) {
        return create(system.settings().config().getConfig(CONFIG_PATH));
    }

    /**
     * The settings of a config shaped like the {@code modelserving.akka} section.
     *
     * @throws IllegalArgumentException naming the key and value when one is invalid
     */
    public static ServingSettings create(Config config) {
        return new ServingSettings(config.getInt("parallelism"), config.getInt("batch-size"),
                config.getDuration("batch-window"), NoModelPolicy.parse(config.getString("no-model-policy")),
                config.getDuration("no-model-wait"), config.getString("scoring-dispatcher"),
                config.getString("model-loading-dispatcher"), ServingListener.NONE);
    }

    public int parallelism() {
        return parallelism;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration batchWindow() {
        return batchWindow;
    }

    public NoModelPolicy noModelPolicy() {
        return noModelPolicy;
    }

    /** How long a record waits, at most, for its data type's model that is loading right now. */
    public Duration noModelWait() {
        return noModelWait;
    }

    /** The scoring dispatcher's id; empty for the materializer's. */
    public String scoringDispatcher() {
        return scoringDispatcher;
    }

    public String modelLoadingDispatcher() {
        return modelLoadingDispatcher;
    }

    /** Told of every scoring outcome, dead letter and model update; {@link ServingListener#NONE} by default. */
    public ServingListener listener() {
        return listener;
    }

    public ServingSettings withParallelism(int value) {
        return new ServingSettings(value, batchSize, batchWindow, noModelPolicy, noModelWait, scoringDispatcher,
                modelLoadingDispatcher, listener);
    }

    /** Micro-batching: up to {@code size} records per scoring call, waiting at most {@code window} to fill. */
    public ServingSettings withBatch(int size, Duration window) {
        return new ServingSettings(parallelism, size, window, noModelPolicy, noModelWait, scoringDispatcher,
                modelLoadingDispatcher, listener);
    }

    /** The no-model policy; the wait stays as it is. */
    public ServingSettings withNoModelPolicy(NoModelPolicy policy) {
        return new ServingSettings(parallelism, batchSize, batchWindow, policy, noModelWait, scoringDispatcher,
                modelLoadingDispatcher, listener);
    }

    /** How long a record waits, at most, for a model that is loading; the policy stays as it is. */
    public ServingSettings withNoModelWait(Duration wait) {
        return new ServingSettings(parallelism, batchSize, batchWindow, noModelPolicy, wait, scoringDispatcher,
                modelLoadingDispatcher, listener);
    }

    public ServingSettings withScoringDispatcher(String dispatcherId) {
        return new ServingSettings(parallelism, batchSize, batchWindow, noModelPolicy, noModelWait, dispatcherId,
                modelLoadingDispatcher, listener);
    }

    public ServingSettings withModelLoadingDispatcher(String dispatcherId) {
        return new ServingSettings(parallelism, batchSize, batchWindow, noModelPolicy, noModelWait, scoringDispatcher,
                dispatcherId, listener);
    }

    /**
     * Tell {@code value} of every scoring outcome, dead letter and model update, in place of any listener or metrics
     * given before; for several, give {@link ServingListener#all}{@code (metrics, other)}: the Kafka client metrics
     * go to the registry of the {@link ServingMetrics} found in it.
     */
    public ServingSettings withListener(ServingListener value) {
        return new ServingSettings(parallelism, batchSize, batchWindow, noModelPolicy, noModelWait, scoringDispatcher,
                modelLoadingDispatcher, Objects.requireNonNull(value, "listener"));
    }

    /**
     * Count outcomes, dead letters and model updates in {@code value} (the meters {@code GET /metrics} shows); the
     * same as {@link #withListener}, which replaces it.
     */
    public ServingSettings withMetrics(ServingMetrics value) {
        return withListener(value);
    }

    @Override
    public String toString() {
        return "ServingSettings[parallelism=" + parallelism + ", batchSize=" + batchSize + ", batchWindow="
                + batchWindow + ", noModelPolicy=" + noModelPolicy + ", noModelWait=" + noModelWait
                + ", scoringDispatcher='" + scoringDispatcher + "', modelLoadingDispatcher='"
                + modelLoadingDispatcher + "']";
    }
}
