package io.modelserving.kafka.internal;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The instance directory's own clients, from the application's client properties (bootstrap servers, security):
 * whatever ties a client to the application's group, transactions or name is left out, so the directory never
 * joins the group, takes part in a transaction or clashes with another client's metrics.
 */
public final class DirectoryClients {

    private static final List<String> NOT_CARRIED = List.of(CommonClientConfigs.CLIENT_ID_CONFIG,
            CommonClientConfigs.GROUP_ID_CONFIG, CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    private DirectoryClients() {
    }

    public static Properties admin(Map<?, ?> clientProperties) {
        return carried(clientProperties);
    }

    public static KafkaProducer<byte[], byte[]> producer(Map<?, ?> clientProperties) {
        Properties props = carried(clientProperties);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // An unreachable cluster holds an announcement up this long at most, not the default minute.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static KafkaConsumer<byte[], byte[]> consumer(Map<?, ?> clientProperties) {
        Properties props = carried(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties carried(Map<?, ?> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        NOT_CARRIED.forEach(props::remove);
        return props;
    }
}
