package io.modelserving.kafkastreams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingCore;
import io.modelserving.kafka.ServingListener;
import io.modelserving.kafka.ServingSpec;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.micrometer.ServingMetrics;
import java.time.Duration;
import java.util.Objects;

/**
 * What the serving topology needs: codecs, the model processor, topics, the no-model policy, metrics and any
 * other listener. Immutable; every {@code withX} returns a copy.
 *
 * <p>Defaults: {@link ServingTopics#defaults()}, {@link NoModelPolicy#DEFAULT} ({@code WAIT}) for
 * {@link NoModelPolicy#DEFAULT_WAIT_TIMEOUT} (30 s), metrics into a private in-memory registry (pass your
 * Prometheus registry's {@link ServingMetrics} to expose them), no other listener. The delivery guarantee is not
 * here: it is Kafka Streams' {@code processing.guarantee}, set with {@link ModelServingStreams#properties}.
 *
 * <p>The no-model rule is the core's ({@link NoModelPolicy}): a record of a data type nobody published a model
 * for is dead-lettered at once. Only a record whose data type's model is loading right now waits, blocking its
 * stream thread for at most the wait; keep it well below {@code max.poll.interval.ms} (5 minutes by default).
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
 * ServingConfig<Features, Prediction> config = ServingConfig.create(ServingSpec.forFeatures(processor))
 *         .withTopics(ServingTopics.defaults().withData("wine"))
 *         .withNoModelPolicy(NoModelPolicy.DEAD_LETTER)
 *         .withMetrics(new ServingMetrics(prometheusRegistry))
 *         .withListener(activity);
 * }</pre>
 *
 * @param <I> the record type
 * @param <O> the result type
 */
public final class ServingConfig<I, O> {

    /** How often the task of data partition 0 writes the dead letters of bad models. */
    public static final Duration DEFAULT_MODEL_DEAD_LETTER_INTERVAL = Duration.ofMillis(200);

    private final ServingSpec<I, O> spec;
    private final ServingTopics topics;
    private final NoModelPolicy noModelPolicy;
    private final Duration noModelWait;
    private final ServingMetrics metrics;
    private final ServingListener listener;
    private final Duration modelDeadLetterInterval;
    private final int maxOutputBytes;

    private ServingConfig(ServingSpec<I, O> spec, ServingTopics topics, NoModelPolicy noModelPolicy,
                          Duration noModelWait, ServingMetrics metrics, ServingListener listener,
                          Duration modelDeadLetterInterval,
                          int maxOutputBytes) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.noModelPolicy = Objects.requireNonNull(noModelPolicy, "noModelPolicy");
        this.noModelWait = NoModelPolicy.checkWaitTimeout(noModelWait);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (modelDeadLetterInterval == null || modelDeadLetterInterval.toMillis() < 1) {
            throw new IllegalArgumentException("model dead-letter interval must be at least 1 ms, was "
                    + modelDeadLetterInterval);
        }
        this.modelDeadLetterInterval = modelDeadLetterInterval;
        if (maxOutputBytes < 1024) {
            throw new IllegalArgumentException("max output bytes must be at least 1024, was " + maxOutputBytes);
        }
        this.maxOutputBytes = maxOutputBytes;
    }

    /** A config serving {@code spec}, with every other setting at its default. */
    public static <I, O> ServingConfig<I, O> create(ServingSpec<I, O> spec) {
        return new ServingConfig<>(spec, ServingTopics.defaults(), NoModelPolicy.DEFAULT,
                NoModelPolicy.DEFAULT_WAIT_TIMEOUT, new ServingMetrics(new SimpleMeterRegistry()),
                ServingListener.NONE, DEFAULT_MODEL_DEAD_LETTER_INTERVAL, ServingCore.DEFAULT_MAX_OUTPUT_BYTES);
    }

    /** {@link Features} in, {@link Prediction} out, with the wire contract's codecs. */
    public static ServingConfig<Features, Prediction> forFeatures(ModelProcessor<Features, Prediction> processor) {
        return create(ServingSpec.forFeatures(processor));
    }

    public ServingConfig<I, O> withTopics(ServingTopics value) {
        return new ServingConfig<>(spec, value, noModelPolicy, noModelWait, metrics, listener, modelDeadLetterInterval,
                maxOutputBytes);
    }

    /** The no-model policy; the wait stays as it is. */
    public ServingConfig<I, O> withNoModelPolicy(NoModelPolicy value) {
        return new ServingConfig<>(spec, topics, value, noModelWait, metrics, listener, modelDeadLetterInterval,
                maxOutputBytes);
    }

    /** How long a record waits, at most, for a model that is loading; the policy stays as it is. */
    public ServingConfig<I, O> withNoModelWait(Duration value) {
        return new ServingConfig<>(spec, topics, noModelPolicy, value, metrics, listener, modelDeadLetterInterval,
                maxOutputBytes);
    }

    /** Where scoring outcomes, dead letters, model updates and the Kafka Streams client metrics are counted. */
    public ServingConfig<I, O> withMetrics(ServingMetrics value) {
        return new ServingConfig<>(spec, topics, noModelPolicy, noModelWait, value, listener, modelDeadLetterInterval,
                maxOutputBytes);
    }

    /**
     * Also tell {@code value} of every scoring outcome, dead letter and model update, after the metrics; combine
     * several with {@link ServingListener#all}.
     */
    public ServingConfig<I, O> withListener(ServingListener value) {
        return new ServingConfig<>(spec, topics, noModelPolicy, noModelWait, metrics, value, modelDeadLetterInterval,
                maxOutputBytes);
    }

    /** How often bad models are written to the dead-letter topic; {@link #DEFAULT_MODEL_DEAD_LETTER_INTERVAL}. */
    public ServingConfig<I, O> withModelDeadLetterInterval(Duration value) {
        return new ServingConfig<>(spec, topics, noModelPolicy, noModelWait, metrics, listener, value, maxOutputBytes);
    }

    /**
     * The largest output record, in bytes ({@link ServingCore#DEFAULT_MAX_OUTPUT_BYTES}); raise it with the
     * producer's {@code max.request.size}.
     */
    public ServingConfig<I, O> withMaxOutputBytes(int value) {
        return new ServingConfig<>(spec, topics, noModelPolicy, noModelWait, metrics, listener, modelDeadLetterInterval,
                value);
    }

    public ServingSpec<I, O> spec() {
        return spec;
    }

    public ModelProcessor<I, O> processor() {
        return spec.processor();
    }

    public ServingTopics topics() {
        return topics;
    }

    public NoModelPolicy noModelPolicy() {
        return noModelPolicy;
    }

    public Duration noModelWait() {
        return noModelWait;
    }

    public ServingMetrics metrics() {
        return metrics;
    }

    /** The listener told of every event besides the metrics; {@link ServingListener#NONE} by default. */
    public ServingListener listener() {
        return listener;
    }

    public Duration modelDeadLetterInterval() {
        return modelDeadLetterInterval;
    }

    public int maxOutputBytes() {
        return maxOutputBytes;
    }

    /** The serving core of one instance, built from these settings. */
    ServingCore<I, O> core() {
        return ServingCore.builder(spec).topics(topics).noModelPolicy(noModelPolicy).noModelWait(noModelWait)
                .listener(ServingListener.all(metrics, listener)).maxOutputBytes(maxOutputBytes).build();
    }
}
