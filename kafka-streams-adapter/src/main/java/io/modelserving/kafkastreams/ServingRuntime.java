package io.modelserving.kafkastreams;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.modelserving.ModelProcessor;
import io.modelserving.kafka.BrokerContact;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingCore;
import io.modelserving.kafka.ServingView;
import io.modelserving.kafkastreams.internal.ModelTopicCheck;
import io.modelserving.kafkastreams.internal.StreamsServingView;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The serving state of one Kafka Streams instance: its {@link ModelProcessor}, readiness and HTTP view.
 *
 * <p>{@link #view()} can be handed to a {@code io.modelserving.http.ServingHttpServer} before the
 * {@code KafkaStreams} exists (its port is needed for {@code application.server}); it answers once
 * {@link #attach} has been called. Stats in {@code GET /state/{dataType}} are per instance, aggregated across the
 * instances found in the Streams metadata; models are the same on every instance (a global store), so
 * {@code GET /models} answers from this one.
 *
 * <pre>{@code
 * ServingTopology<Features, Prediction> serving = ModelServingStreams.topology(config);
 * ServingHttpServer http = ServingHttpServer.builder(serving.runtime().view(), registry)
 *         .address(new InetSocketAddress(0)).start();
 * props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + http.port());
 * KafkaStreams streams = new KafkaStreams(serving.topology(), props);
 * serving.runtime().attach(streams, props);
 * streams.start();
 * }</pre>
 *
 * @param <I> the record type
 * @param <O> the result type
 */
public final class ServingRuntime<I, O> {

    private final ServingConfig<I, O> config;
    private final ServingCore<I, O> core;
    private final AtomicReference<KafkaStreams> streams = new AtomicReference<>();
    private final StreamsServingView view;

    ServingRuntime(ServingConfig<I, O> config, ServingCore<I, O> core) {
        this.config = config;
        this.core = core;
        this.view = new StreamsServingView(config.processor(), streams::get, this::readiness, this::liveness);
    }

    /**
     * Ties this runtime to the instance that runs its topology: its state for readiness, its metadata for the
     * peers, its client metrics into the configured meter registry.
     *
     * @param props the properties the instance was created with; {@code application.server} names this
     *              instance's HTTP endpoint for its peers
     * @throws IllegalStateException when already attached
     * @throws IllegalArgumentException when the model topic has more than one partition
     */
    public void attach(KafkaStreams kafkaStreams, Properties props) {
        Objects.requireNonNull(kafkaStreams, "kafkaStreams");
        if (!streams.compareAndSet(null, kafkaStreams)) {
            throw new IllegalStateException("ServingRuntime is already attached to a KafkaStreams instance");
        }
        String server = props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, "");
        if (!server.isBlank()) {
            view.self(HostInfo.buildFromEndpoint(server));
        }
        new KafkaStreamsMetrics(kafkaStreams).bindTo(config.metrics().registry());
        ModelTopicCheck.requireOnePartition(props, config.topics().models());
    }

    public ModelProcessor<I, O> processor() {
        return config.processor();
    }

    public ServingConfig<I, O> config() {
        return config;
    }

    /** The HTTP view of this instance (and, through the Streams metadata, of its peers). */
    public ServingView view() {
        return view;
    }

    /**
     * Ready when attached, Kafka Streams is RUNNING (global store restored), the restored models are loaded, and
     * its consumers reach a broker ({@link BrokerContact}).
     */
    public Readiness readiness() {
        KafkaStreams current = streams.get();
        if (current == null) {
            return Readiness.down("not attached to a KafkaStreams instance");
        }
        KafkaStreams.State state = current.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Readiness.down("Kafka Streams is " + state);
        }
        if (!core.models().restoreLoaded().isDone()) {
            return Readiness.down("loading restored models");
        }
        Optional<String> lost = BrokerContact.lost(current.metrics());
        if (lost.isPresent()) {
            return Readiness.down(lost.get());
        }
        return Readiness.up("Kafka Streams is RUNNING, models: " + config.processor().currentModels().keySet());
    }

    /**
     * Live unless Kafka Streams has failed or is shutting down ({@code ERROR}, {@code PENDING_ERROR},
     * {@code PENDING_SHUTDOWN}, {@code NOT_RUNNING}): a rebalance, a restore or a broker outage is not ready but
     * still live, as is an instance not attached yet (it is starting).
     */
    public Readiness liveness() {
        KafkaStreams current = streams.get();
        if (current == null) {
            return Readiness.up("not attached to a KafkaStreams instance yet");
        }
        KafkaStreams.State state = current.state();
        return switch (state) {
            case ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING -> Readiness.down("Kafka Streams is " + state);
            default -> Readiness.up("Kafka Streams is " + state);
        };
    }

    /** Whether a model load is queued or running on this instance. */
    public boolean loadingModels() {
        return core.models().loading();
    }
}
