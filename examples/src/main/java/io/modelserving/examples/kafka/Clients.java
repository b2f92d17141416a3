package io.modelserving.examples.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for the publishers and readers, with settings that never lose an acknowledged write (those
 * override the cluster's client properties; the other defaults here do not).
 */
public final class Clients {

    private Clients() {
    }

    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return producer(KafkaConnection.of(bootstrapServers));
    }

    public static KafkaProducer<String, byte[]> producer(KafkaConnection cluster) {
        return new KafkaProducer<>(producerProperties(cluster), new StringSerializer(), new ByteArraySerializer());
    }

    static Properties producerProperties(KafkaConnection cluster) {
        Properties props = cluster.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Defaults the cluster's own client properties may change:
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        // A send waits this long for the cluster's metadata: an unreachable broker fails in seconds, not a minute.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        // Models can be large; the broker's own limit still applies.
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 * 1024 * 1024));
        return props;
    }

    /**
     * A producer of keys and values as raw bytes, for records written back as they were (a replayed dead letter's
     * key need not be text).
     */
    public static KafkaProducer<byte[], byte[]> rawProducer(KafkaConnection cluster) {
        return new KafkaProducer<>(producerProperties(cluster), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static KafkaConsumer<String, byte[]> reader(String bootstrapServers) {
        return reader(KafkaConnection.of(bootstrapServers));
    }

    /** A consumer without a group: readers assign partitions themselves and commit nothing. */
    public static KafkaConsumer<String, byte[]> reader(KafkaConnection cluster) {
        return new KafkaConsumer<>(readerProperties(cluster), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A {@link #reader} of keys as raw bytes; it never creates the topic it reads. */
    public static KafkaConsumer<byte[], byte[]> rawReader(KafkaConnection cluster) {
        Properties props = readerProperties(cluster);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties readerProperties(KafkaConnection cluster) {
        Properties props = cluster.clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Blocking calls (partitionsFor, position) give up on an unreachable cluster in seconds, not a minute.
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return props;
    }
}
