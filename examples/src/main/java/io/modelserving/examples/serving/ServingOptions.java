package io.modelserving.examples.serving;

import io.modelserving.Features;
import io.modelserving.ModelLimits;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.data.OutputFormat;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.InstanceId;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a serving instance of the examples needs, whichever engine runs it.
 *
 * <pre>{@code
 * ServingOptions options = ServingOptions.builder(KafkaConnection.of("localhost:9092"), stateDir)
 *         .guarantee(DeliveryGuarantee.EXACTLY_ONCE)
 *         .httpPort(0)
 *         .build();
 * }</pre>
 *
 * @param kafka          how every client reaches the cluster
 * @param bindAddress    the interface the HTTP endpoint listens on; {@code 0.0.0.0} for all
 * @param httpPort       the HTTP endpoint's port; 0 for any free port
 * @param advertisedHost the host name other instances reach this one's HTTP endpoint by
 * @param stateDir       where the engine keeps local state
 * @param instanceId     the instance's stable identity across restarts (static group membership)
 * @param sessionTimeout the data consumer's session timeout; empty for Kafka's default
 * @param peers          the HTTP endpoints of the application's other instances, where the engine cannot find
 *                       them itself (Akka Streams)
 * @param discovery      whether an Akka Streams instance also finds the others through Kafka (an
 *                       {@link io.modelserving.kafka.InstanceDirectory}); Kafka Streams instances always find them
 * @param dataCodec      reads the records of the data topic; by default the tutorial's {@code WineRecord}
 * @param outputFormat   how scored records are written; by default the protobuf envelope
 * @param threads        how many threads score at once: Kafka Streams' stream threads, the Akka Streams
 *                       adapter's scoring parallelism; by default one per core
 */
public record ServingOptions(KafkaConnection kafka, ServingTopics topics, DeliveryGuarantee guarantee,
                             String applicationId, String bindAddress, int httpPort, String advertisedHost,
                             NoModelPolicy noModelPolicy, Duration noModelWait, ModelLimits limits, Path stateDir,
                             Optional<InstanceId> instanceId, Optional<Duration> sessionTimeout, List<URI> peers,
                             boolean discovery, RecordCodec<Features> dataCodec, OutputFormat outputFormat,
                             int threads) {

    /** Listen on every interface. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    public ServingOptions {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(dataCodec, "dataCodec");
        Objects.requireNonNull(outputFormat, "outputFormat");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        peers = List.copyOf(peers);
    }

    /**
     * The defaults: at-least-once, HTTP on port 8080 of every interface, advertised as {@code localhost}; the
     * tutorial's {@code WineRecord}s in, the protobuf envelope out; one scoring thread per core.
     */
    public static Builder builder(KafkaConnection kafka, Path stateDir) {
        return new Builder(kafka, stateDir);
    }

    public static ServingOptions defaults(String bootstrapServers, Path stateDir) {
        return builder(KafkaConnection.of(bootstrapServers), stateDir).build();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Where the HTTP endpoint listens. */
    public InetSocketAddress httpAddress() {
        return new InetSocketAddress(bindAddress, httpPort);
    }

    /** These options, to change some. */
    public Builder toBuilder() {
        Builder builder = new Builder(kafka, stateDir);
        builder.topics = topics;
        builder.guarantee = guarantee;
        builder.applicationId = applicationId;
        builder.bindAddress = bindAddress;
        builder.httpPort = httpPort;
        builder.advertisedHost = advertisedHost;
        builder.noModelPolicy = noModelPolicy;
        builder.noModelWait = noModelWait;
        builder.limits = limits;
        builder.instanceId = instanceId;
        builder.sessionTimeout = sessionTimeout;
        builder.peers = peers;
        builder.discovery = discovery;
        builder.dataCodec = dataCodec;
        builder.outputFormat = outputFormat;
        builder.threads = threads;
        return builder;
    }

    /** Builds {@link ServingOptions}; every setter replaces one default. */
    public static final class Builder {
        private final KafkaConnection kafka;
        private final Path stateDir;
        private ServingTopics topics = ServingTopics.defaults();
        private DeliveryGuarantee guarantee = DeliveryGuarantee.AT_LEAST_ONCE;
        private String applicationId = "modelserving-examples";
        private String bindAddress = ALL_INTERFACES;
        private int httpPort = 8080;
        private String advertisedHost = "localhost";
        private NoModelPolicy noModelPolicy = NoModelPolicy.DEFAULT;
        private Duration noModelWait = NoModelPolicy.DEFAULT_WAIT_TIMEOUT;
        private ModelLimits limits = ModelLimits.defaults();
        private Optional<InstanceId> instanceId = Optional.empty();
        private Optional<Duration> sessionTimeout = Optional.empty();
        private List<URI> peers = List.of();
        private boolean discovery = true;
        private RecordCodec<Features> dataCodec = new WineRecordCodec();
        private OutputFormat outputFormat = OutputFormat.PROTOBUF;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(KafkaConnection kafka, Path stateDir) {
            this.kafka = kafka;
            this.stateDir = stateDir;
        }

        public Builder topics(ServingTopics value) {
            topics = value;
            return this;
        }

        public Builder guarantee(DeliveryGuarantee value) {
            guarantee = value;
            return this;
        }

        public Builder applicationId(String value) {
            applicationId = value;
            return this;
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        public Builder advertisedHost(String value) {
            advertisedHost = value;
            return this;
        }

        public Builder noModelPolicy(NoModelPolicy value) {
            noModelPolicy = value;
            return this;
        }

        public Builder allowedModelDirectories(List<Path> directories) {
            limits = new ModelLimits(limits.maxModelBytes(), directories);
            return this;
        }

        /** A stable identity across restarts. */
        public Builder instanceId(InstanceId value) {
            instanceId = Optional.of(value);
            return this;
        }

        public Builder sessionTimeout(Duration value) {
            sessionTimeout = Optional.of(value);
            return this;
        }

        public Builder peers(List<URI> value) {
            peers = value;
            return this;
        }

        /** Whether Akka Streams instances find each other through Kafka; on by default. */
        public Builder discovery(boolean value) {
            discovery = value;
            return this;
        }

        /** Reads the data topic with this codec (a {@link io.modelserving.examples.data.DataFormat}'s). */
        public Builder dataCodec(RecordCodec<Features> value) {
            dataCodec = value;
            return this;
        }

        public Builder outputFormat(OutputFormat value) {
            outputFormat = value;
            return this;
        }

        /** How many threads score at once; by default one per core. */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public ServingOptions build() {
            return new ServingOptions(kafka, topics, guarantee, applicationId, bindAddress, httpPort, advertisedHost,
                    noModelPolicy, noModelWait, limits, stateDir, instanceId, sessionTimeout, peers, discovery,
                    dataCodec, outputFormat, threads);
        }
    }
}
