package io.modelserving.kafkastreams;

import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.InstanceId;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.ServingCore;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.kafkastreams.internal.ModelStoreProcessor;
import io.modelserving.kafkastreams.internal.ScoringProcessor;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Model serving as a Kafka Streams topology: data topic → decode → score with the current model of the
 * record's data type → scored topic, and model topic → global store → {@link io.modelserving.ModelProcessor}.
 *
 * <p><b>Models reach every instance and every task.</b> The model topic feeds a global store, so every
 * instance reads every model, whatever the partitioning. Kafka Streams replays the topic through the store's
 * processor when it restores the store on start, so a restarted instance loads its models again without anyone
 * republishing them; no record is scored before the restored models are loaded (bounded by the no-model wait),
 * so even the first record after a restart is scored by the newest model.
 *
 * <p><b>Loading never stalls scoring.</b> What a record and a model message go through is the engine-neutral
 * {@link ServingCore}'s: models load and warm up on its loader threads, in topic order per data type. While a new
 * model loads, records keep being scored by the old one; the swap is atomic, so each record is scored entirely
 * by the old model or entirely by the new one. A record of a data type nobody published a model for is
 * dead-lettered at once and never waits.
 *
 * <p><b>Nothing is silent.</b> Every data record yields exactly one output: the scored envelope
 * (the spec's {@code scoredCodec}, protobuf by default) on the scored topic, or a dead letter (original key and
 * bytes, headers of {@link io.modelserving.kafka.DeadLetterHeaders}) for undecodable data, a failed scoring or no
 * model; the input's own headers are carried over to it. A model
 * message that does not decode or that the processor rejects is dead-lettered too (written once per application,
 * by the task of data partition 0), and the current model stays.
 *
 * <p><b>Delivery.</b> {@link DeliveryGuarantee#AT_LEAST_ONCE} (Kafka Streams' {@code at_least_once}) is the
 * default: it needs no transactional set-up of the cluster and adds no commit latency, and a duplicate written
 * after a crash is harmless and recognisable (same origin topic, partition and offset in its envelope).
 * {@link DeliveryGuarantee#EXACTLY_ONCE} ({@code exactly_once_v2}) writes each output exactly once for
 * {@code read_committed} consumers. Kafka Streams has no at-most-once mode.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
 * ServingTopology<Features, Prediction> serving =
 *         ModelServingStreams.topology(ServingConfig.create(ServingSpec.forFeatures(processor)));
 * Properties props = ModelServingStreams.properties("wine-scoring", "localhost:9092",
 *         DeliveryGuarantee.EXACTLY_ONCE);
 * KafkaStreams streams = new KafkaStreams(serving.topology(), props);
 * serving.runtime().attach(streams, props);      // readiness and Kafka Streams metrics
 * streams.start();
 * }</pre>
 */
public final class ModelServingStreams {

    /** Name of the global store of model descriptors, by data type. */
    public static final String MODEL_STORE = "modelserving-models";
    /** Name of the store in which the task of data partition 0 remembers which bad models it dead-lettered. */
    public static final String MODEL_DEAD_LETTER_STORE = "modelserving-model-dead-letters";

    /** The commit interval {@link #properties} sets for at-least-once (exactly-once keeps Kafka's 100 ms). */
    public static final int AT_LEAST_ONCE_COMMIT_INTERVAL_MS = 1_000;

    private ModelServingStreams() {
    }

    /** A complete serving topology for one Kafka Streams instance (build one per instance). */
    public static <I, O> ServingTopology<I, O> topology(ServingConfig<I, O> config) {
        return build(new StreamsBuilder(), config);
    }

    /**
     * Like {@link #topology(ServingConfig)}, built with the application's properties (those that shape a
     * topology, such as the processing-exception handler settings, then apply to it too).
     */
    public static <I, O> ServingTopology<I, O> topology(ServingConfig<I, O> config, Properties props) {
        Objects.requireNonNull(props, "props");
        return build(new StreamsBuilder(new TopologyConfig(new StreamsConfig(props))), config);
    }

    private static <I, O> ServingTopology<I, O> build(StreamsBuilder builder, ServingConfig<I, O> config) {
        ServingRuntime<I, O> runtime = addTo(builder, config).runtime();
        return new ServingTopology<>(builder.build(), runtime);
    }

    /**
     * Adds serving to your own topology, in the DSL's idiom: a global store on the model topic, a stream of the
     * data topic scored into the scored and dead-letter topics.
     *
     * @return the stream of scored-topic records (key = input key, value = the envelope bytes) for further
     *         processing, and the runtime, in a {@link ServingBranches}
     */
    public static <I, O> ServingBranches<I, O> addTo(StreamsBuilder builder, ServingConfig<I, O> config) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(config, "config");
        ServingTopics topics = config.topics();
        ServingCore<I, O> core = config.core();

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODEL_STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                topics.models(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("modelserving-models"),
                () -> new ModelStoreProcessor(MODEL_STORE, core.models()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MODEL_DEAD_LETTER_STORE),
                Serdes.Integer(), Serdes.Long()));

        KStream<byte[], OutputRecord> outputs = builder
                .stream(topics.data(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("modelserving-data-source"))
                .process(() -> new ScoringProcessor<>(core, config.modelDeadLetterInterval(), MODEL_DEAD_LETTER_STORE),
                        Named.as("modelserving-score"), MODEL_DEAD_LETTER_STORE);
        var branches = outputs.split(Named.as("modelserving-route-"))
                .branch((key, out) -> out.isDeadLetter(), Branched.as("dead-letters"))
                .branch((key, out) -> out.topic().equals(topics.models()), Branched.as("models"))
                .defaultBranch(Branched.as("scored"));
        branches.get("modelserving-route-dead-letters")
                .mapValues(OutputRecord::value, Named.as("modelserving-dead-letter-bytes"))
                .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("modelserving-dead-letters-sink"));
        // The last accepted model, published again after a rejected one (see ModelMessages.BadModel).
        branches.get("modelserving-route-models")
                .mapValues(OutputRecord::value, Named.as("modelserving-republished-model-bytes"))
                .to(topics.models(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("modelserving-models-sink"));
        KStream<byte[], byte[]> scored = branches.get("modelserving-route-scored")
                .mapValues(OutputRecord::value, Named.as("modelserving-scored-bytes"));
        scored.to(topics.scored(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("modelserving-scored-sink"));
        return new ServingBranches<>(scored, new ServingRuntime<>(config, core));
    }

    /**
     * Kafka Streams properties for a serving application: id, bootstrap servers and the guarantee; for
     * at-least-once, a commit interval of {@value #AT_LEAST_ONCE_COMMIT_INTERVAL_MS} ms instead of Kafka's 30 s,
     * which bounds what a crash scores again.
     *
     * @throws IllegalArgumentException for a blank id or servers, or {@link DeliveryGuarantee#AT_MOST_ONCE},
     *                                  which Kafka Streams does not offer
     */
    public static Properties properties(String applicationId, String bootstrapServers, DeliveryGuarantee guarantee) {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("application id must not be blank, was '" + applicationId + "'");
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be blank, was '" + bootstrapServers + "'");
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee(guarantee));
        // Kafka Streams commits at-least-once progress every 30 s by default, so a crash scores up to 30 s of records
        // again, and the records behind them wait that long. One second bounds both, at a commit per second.
        if (guarantee == DeliveryGuarantee.AT_LEAST_ONCE) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, AT_LEAST_ONCE_COMMIT_INTERVAL_MS);
        }
        // The model store's processor turns every bad model into a dead letter itself; opting in to the handler
        // for the global thread now keeps behaviour the same when Kafka 5.0 makes it the default.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }

    /**
     * Gives this instance a stable identity, so a restart resumes at once: static membership of the group
     * ({@code group.instance.id}; Kafka Streams adds each stream thread's index). Keep {@code state.dir} across
     * restarts too: Kafka Streams keeps its process id there, and {@code exactly_once_v2} names its transactional
     * ids after it, so a restarted instance fences its predecessor's open transactions at once. Close with
     * {@code CloseOptions.GroupMembershipOperation.LEAVE_GROUP} when an instance stops for good; see
     * {@link InstanceId} for the session-timeout trade-off.
     *
     * <pre>{@code
     * Properties props = ModelServingStreams.properties("wine-scoring", servers, DeliveryGuarantee.EXACTLY_ONCE);
     * ModelServingStreams.withInstanceId(props, InstanceId.of("scorer-1"));
     * props.put(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/wine-scoring");   // a volume that outlives the process
     * }</pre>
     *
     * @return {@code props}, with {@code group.instance.id} set
     */
    public static Properties withInstanceId(Properties props, InstanceId instanceId) {
        Objects.requireNonNull(props, "props");
        Objects.requireNonNull(instanceId, "instanceId");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId.value());
        return props;
    }

    /**
     * Kafka Streams' {@code processing.guarantee} value for a guarantee.
     *
     * @throws IllegalArgumentException for {@link DeliveryGuarantee#AT_MOST_ONCE}
     */
    public static String processingGuarantee(DeliveryGuarantee guarantee) {
        Objects.requireNonNull(guarantee, "guarantee");
        return switch (guarantee) {
            case AT_LEAST_ONCE -> StreamsConfig.AT_LEAST_ONCE;
            case EXACTLY_ONCE -> StreamsConfig.EXACTLY_ONCE_V2;
            case AT_MOST_ONCE -> throw new IllegalArgumentException("Kafka Streams offers at_least_once and "
                    + "exactly_once_v2, not " + guarantee + "; use the Akka Streams adapter for at-most-once");
        };
    }
}
