package io.modelserving.kafka;

import io.modelserving.kafka.internal.Outputs;
import java.time.Duration;
import java.util.Objects;

/**
 * The engine-neutral serving core for Kafka records: what every data record and every model message goes
 * through, decided once for every engine. An adapter hands it consumed records and writes what it returns; the
 * adapter itself decides only threads, stores, offsets, transactions and back pressure.
 *
 * <ul>
 *   <li>{@link #records()}: decode, the no-model rule, scoring in batches, one output per input (scored envelope
 *   or dead letter, with the input's key and headers), events to the listener.</li>
 *   <li>{@link #models()}: model-topic messages classified and applied off the engine's threads, bad models
 *   dead-lettered once per application.</li>
 * </ul>
 *
 * <pre>{@code
 * ServingCore<Features, Prediction> core = ServingCore.builder(ServingSpec.forFeatures(processor))
 *         .topics(ServingTopics.defaults())
 *         .noModelPolicy(NoModelPolicy.WAIT)
 *         .noModelWait(Duration.ofSeconds(30))
 *         .listener(metrics)
 *         .build();
 * core.models().accept(modelMessage);
 * List<OutputRecord> outputs = core.records().serve(batch);
 * }</pre>
 *
 * @param <I> the record type
 * @param <O> the result type
 */
public final class ServingCore<I, O> implements AutoCloseable {

    /**
     * The largest output written by default, in bytes: a little below the producer's default
     * {@code max.request.size} (1 MiB), which also counts the record batch's own overhead.
     */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1_000_000;

    private final ServingSpec<I, O> spec;
    private final ServingTopics topics;
    private final ModelLoading loading;
    private final RecordServing<I, O> records;
    private final ModelMessages models;

    private ServingCore(Builder<I, O> builder) {
        this.spec = builder.spec;
        this.topics = builder.topics;
        ServingListener listener = ServingListener.guarded(builder.listener);
        this.loading = new ModelLoading(spec.processor(), listener::modelUpdated);
        Outputs<I, O> outputs = new Outputs<>(topics, spec.inputCodec(), spec.scoredCodec(), builder.maxOutputBytes);
        this.records = new RecordServing<>(spec, loading, outputs, listener, builder.noModelPolicy,
                builder.noModelWait);
        this.models = new ModelMessages(spec.processor(), loading, outputs, listener);
    }

    public static <I, O> Builder<I, O> builder(ServingSpec<I, O> spec) {
        return new Builder<>(spec);
    }

    public ServingSpec<I, O> spec() {
        return spec;
    }

    public ServingTopics topics() {
        return topics;
    }

    /** The data path. */
    public RecordServing<I, O> records() {
        return records;
    }

    /** The model path. */
    public ModelMessages models() {
        return models;
    }

    /** Stops the model loader's threads; a load still running is abandoned. Does not close the processor. */
    @Override
    public void close() {
        loading.close();
    }

    /** Configures a {@link ServingCore}; every setting has a default but the spec. */
    public static final class Builder<I, O> {
        private final ServingSpec<I, O> spec;
        private ServingTopics topics = ServingTopics.defaults();
        private NoModelPolicy noModelPolicy = NoModelPolicy.DEFAULT;
        private Duration noModelWait = NoModelPolicy.DEFAULT_WAIT_TIMEOUT;
        private ServingListener listener = ServingListener.NONE;
        private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;

        private Builder(ServingSpec<I, O> spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        public Builder<I, O> topics(ServingTopics value) {
            this.topics = Objects.requireNonNull(value, "topics");
            return this;
        }

        public Builder<I, O> noModelPolicy(NoModelPolicy value) {
            this.noModelPolicy = Objects.requireNonNull(value, "noModelPolicy");
            return this;
        }

        /** How long a record waits, at most, for its data type's model that is loading; must be positive. */
        public Builder<I, O> noModelWait(Duration value) {
            this.noModelWait = NoModelPolicy.checkWaitTimeout(value);
            return this;
        }

        public Builder<I, O> listener(ServingListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * The largest record written (key, value and headers), e.g. the producer's {@code max.request.size}
         * less some room; an output above it becomes a dead letter without the oversized bytes.
         */
        public Builder<I, O> maxOutputBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("max output bytes must be at least 1024, was " + value);
            }
            this.maxOutputBytes = value;
            return this;
        }

        public ServingCore<I, O> build() {
            return new ServingCore<>(this);
        }
    }
}
