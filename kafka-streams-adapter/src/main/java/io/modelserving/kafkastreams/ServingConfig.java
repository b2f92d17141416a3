package io.modelserving.kafkastreams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.RecordCodec;
import io.modelserving.http.ServingMetrics;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the serving topology needs: codecs, the model processor, topics, the no-model policy and metrics.
 * Immutable; every {@code withX} returns a copy.
 *
 * <p>Defaults: {@link ServingTopics#defaults()}, {@link NoModelPolicy#DEFAULT} ({@code WAIT}) for
 * {@link NoModelPolicy#DEFAULT_WAIT_TIMEOUT} (30 s), metrics into a private in-memory registry (pass your
 * Prometheus registry's {@link ServingMetrics} to expose them). The delivery guarantee is not here: it is Kafka
 * Streams' {@code processing.guarantee}, set with {@link ModelServingStreams#properties}.
 *
 * <p>With {@code WAIT}, a record whose data type has no model blocks its stream thread until a model arrives or
 * the timeout passes; keep the timeout well below {@code max.poll.interval.ms} (5 minutes by default). After
 * one timeout, later records of that data type are dead-lettered at once until a model arrives, so a data type
 * nobody publishes a model for cannot stall the stream for long.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
 * ServingConfig<Features, Prediction> config = ServingConfig.forFeatures(processor)
 *         .withTopics(ServingTopics.defaults().withData("wine"))
 *         .withNoModelPolicy(NoModelPolicy.DEAD_LETTER)
 *         .withMetrics(new ServingMetrics(prometheusRegistry));
 * }</pre>
 *
 * @param <I> the record type
 * @param <O> the result type
 */
public final class ServingConfig<I, O> {

    /** How often the task of data partition 0 writes the dead letters of bad models. */
    public static final Duration DEFAULT_MODEL_DEAD_LETTER_INTERVAL = Duration.ofMillis(200);

    private final RecordCodec<I> inputCodec;
    private final RecordCodec<O> outputCodec;
    private final Function<? super I, String> dataTypeOf;
    private final ModelProcessor<I, O> processor;
    private final ServingTopics topics;
    private final NoModelPolicy noModelPolicy;
    private final Duration noModelWait;
    private final ServingMetrics metrics;
    private final Duration modelDeadLetterInterval;

    private ServingConfig(RecordCodec<I> inputCodec, RecordCodec<O> outputCodec, Function<? super I, String> dataTypeOf,
                          ModelProcessor<I, O> processor, ServingTopics topics, NoModelPolicy noModelPolicy,
                          Duration noModelWait, ServingMetrics metrics, Duration modelDeadLetterInterval) {
        this.inputCodec = Objects.requireNonNull(inputCodec, "inputCodec");
        this.outputCodec = Objects.requireNonNull(outputCodec, "outputCodec");
        this.dataTypeOf = Objects.requireNonNull(dataTypeOf, "dataTypeOf");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.noModelPolicy = Objects.requireNonNull(noModelPolicy, "noModelPolicy");
        this.noModelWait = NoModelPolicy.checkWaitTimeout(noModelWait);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (modelDeadLetterInterval == null || modelDeadLetterInterval.toMillis() < 1) {
            throw new IllegalArgumentException("model dead-letter interval must be at least 1 ms, was "
                    + modelDeadLetterInterval);
        }
        this.modelDeadLetterInterval = modelDeadLetterInterval;
    }

    /**
     * A config for records of type {@code I}, whose data type {@code dataTypeOf} gives, scored into {@code O}.
     */
    public static <I, O> ServingConfig<I, O> create(RecordCodec<I> inputCodec, RecordCodec<O> outputCodec,
                                                    Function<? super I, String> dataTypeOf,
                                                    ModelProcessor<I, O> processor) {
        return new ServingConfig<>(inputCodec, outputCodec, dataTypeOf, processor, ServingTopics.defaults(),
                NoModelPolicy.DEFAULT, NoModelPolicy.DEFAULT_WAIT_TIMEOUT,
                new ServingMetrics(new SimpleMeterRegistry()), DEFAULT_MODEL_DEAD_LETTER_INTERVAL);
    }

    /** {@link Features} in, {@link Prediction} out, with the wire contract's codecs. */
    public static ServingConfig<Features, Prediction> forFeatures(ModelProcessor<Features, Prediction> processor) {
        return create(Codecs.features(), Codecs.predictions(), Features::dataType, processor);
    }

    public ServingConfig<I, O> withTopics(ServingTopics newTopics) {
        return new ServingConfig<>(inputCodec, outputCodec, dataTypeOf, processor, newTopics, noModelPolicy,
                noModelWait, metrics, modelDeadLetterInterval);
    }

    /** The policy, keeping the current wait timeout. */
    public ServingConfig<I, O> withNoModelPolicy(NoModelPolicy policy) {
        return withNoModelPolicy(policy, noModelWait);
    }

    /**
     * The policy and how long {@link NoModelPolicy#WAIT} waits. With {@code DEAD_LETTER}, the timeout still
     * bounds the wait for a model that is being loaded when none is current yet (e.g. just after a restart).
     */
    public ServingConfig<I, O> withNoModelPolicy(NoModelPolicy policy, Duration waitTimeout) {
        return new ServingConfig<>(inputCodec, outputCodec, dataTypeOf, processor, topics, policy, waitTimeout,
                metrics, modelDeadLetterInterval);
    }

    public ServingConfig<I, O> withMetrics(ServingMetrics newMetrics) {
        return new ServingConfig<>(inputCodec, outputCodec, dataTypeOf, processor, topics, noModelPolicy,
                noModelWait, newMetrics, modelDeadLetterInterval);
    }

    /** How often bad models are written to the dead-letter topic; {@link #DEFAULT_MODEL_DEAD_LETTER_INTERVAL}. */
    public ServingConfig<I, O> withModelDeadLetterInterval(Duration interval) {
        return new ServingConfig<>(inputCodec, outputCodec, dataTypeOf, processor, topics, noModelPolicy,
                noModelWait, metrics, interval);
    }

    public RecordCodec<I> inputCodec() {
        return inputCodec;
    }

    public RecordCodec<O> outputCodec() {
        return outputCodec;
    }

    public Function<? super I, String> dataTypeOf() {
        return dataTypeOf;
    }

    public ModelProcessor<I, O> processor() {
        return processor;
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

    public Duration modelDeadLetterInterval() {
        return modelDeadLetterInterval;
    }
}
