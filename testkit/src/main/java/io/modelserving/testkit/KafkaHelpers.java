package io.modelserving.testkit;

import io.modelserving.testkit.internal.Consuming;
import io.modelserving.testkit.internal.Producing;
import io.modelserving.testkit.internal.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Client-side helpers for tests against a Kafka cluster: client properties, topic creation, writing records
 * and reading them back. Everything is derived from {@link #bootstrapServers()}, so the same helpers work on an
 * {@link EmbeddedKafkaBroker}, an {@link EmbeddedKafkaExtension} or any cluster ({@link #of(String)}).
 *
 * <p>Each call opens and closes its own short-lived client: simple and isolated, at a few tens of
 * milliseconds per call. Write many records with one {@link #produceAll} rather than many {@link #produce}.
 *
 * <pre>{@code
 * kafka.createTopic("wine", 3);
 * kafka.produce("wine", "k1".getBytes(UTF_8), "7.4,0.7".getBytes(UTF_8), Map.of("source", "lab".getBytes(UTF_8)));
 * List<ConsumerRecord<byte[], byte[]>> records = kafka.consume("wine", 1, Duration.ofSeconds(30));
 * }</pre>
 */
public interface KafkaHelpers {

    /** How long topic creation may take before it fails. */
    Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    /** The {@code host:port} list that clients connect to. */
    String bootstrapServers();

    /** Helpers for the cluster at {@code bootstrapServers}. */
    static KafkaHelpers of(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank, was '" + bootstrapServers + "'");
        }
        return () -> bootstrapServers;
    }

    /** Producer properties: byte-array serializers, {@code acks=all}; a new, modifiable copy on each call. */
    default Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /**
     * Consumer properties for {@code groupId}: byte-array deserializers, reading from the earliest offset when the
     * group has none; Kafka's defaults otherwise. A new, modifiable copy on each call.
     */
    default Properties consumerProperties(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank, was '" + groupId + "'");
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** Admin client properties; a new, modifiable copy on each call. */
    default Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /**
     * Creates a topic with one replica and waits until every partition has a leader.
     *
     * @throws EmbeddedKafkaException when it already exists or cannot be created
     */
    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with the given topic configs (such as {@code retention.ms}); see {@link #createTopic(String, int)}. */
    default void createTopic(String name, int partitions, Map<String, String> configs) {
        Topics.create(adminProperties(), name, partitions, configs, TOPIC_TIMEOUT);
    }

    /** Creates a topic with {@code cleanup.policy=compact}, such as a model topic; see {@link #createTopic(String, int)}. */
    default void createCompactedTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of("cleanup.policy", "compact"));
    }

    /** Writes one record and waits for its acknowledgement. Key and value may be null. */
    default RecordMetadata produce(String topic, byte[] key, byte[] value) {
        return produce(new ProducerRecord<>(topic, key, value));
    }

    /** Writes one record with headers (in map order) and waits for its acknowledgement. */
    default RecordMetadata produce(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue));
        return produce(record);
    }

    /** Writes one record and waits for its acknowledgement. */
    default RecordMetadata produce(ProducerRecord<byte[], byte[]> record) {
        return produceAll(List.of(record)).get(0);
    }

    /** Writes one record with UTF-8 key and value (either may be null) and waits for its acknowledgement. */
    default RecordMetadata produceString(String topic, String key, String value) {
        return produce(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes many records with one producer, in order, and waits for every acknowledgement.
     *
     * @return the acknowledgements, one per record in the same order
     * @throws EmbeddedKafkaException when any record cannot be written
     */
    default List<RecordMetadata> produceAll(Collection<ProducerRecord<byte[], byte[]>> records) {
        return Producing.sendAll(producerProperties(), records);
    }

    /**
     * Reads {@code count} records of {@code topic} from the beginning of every partition, as a
     * {@code read_committed} consumer sees them: records of open or aborted transactions are not returned, plain
     * records always are. Leaves no group or committed offset behind.
     *
     * @return the first {@code count} records read (in order within each partition); fewer when the timeout
     *         passes first, so that an assertion on the list shows what did arrive
     */
    default List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
        return consume(topic, count, timeout, IsolationLevel.READ_COMMITTED);
    }

    /** As {@link #consume(String, int, Duration)}, with the given isolation level. */
    default List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout,
                                                         IsolationLevel isolation) {
        return Consuming.read(readerProperties(isolation), topic, count, timeout);
    }

    /**
     * Reads every record of {@code topic}, from the beginning up to the end offsets (for read_committed, the last
     * stable offsets) as they are when the call starts. Use it to check that no extra or duplicate records exist.
     *
     * @throws EmbeddedKafkaException when the topic does not exist or its end is not reached within the timeout
     */
    default List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, Duration timeout) {
        return Consuming.readToEnd(readerProperties(IsolationLevel.READ_COMMITTED), topic, timeout);
    }

    private Properties readerProperties(IsolationLevel isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.name().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }
}
