package io.modelserving.akka.internal.kafka;

import akka.kafka.ConsumerSettings;
import akka.kafka.ProducerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.modelserving.kafka.BrokerContact;
import io.modelserving.kafka.ServingListener;
import io.modelserving.micrometer.ServingMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client metrics of the clients Alpakka creates (consumer, producers): bound to the meter registry of
 * the serving metrics, when there are any, so {@code GET /metrics} shows them as it does for Kafka Streams; and
 * read for readiness, which needs to know whether the data consumer still reaches a broker.
 */
public final class ClientMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<KafkaClientMetrics> bound = new CopyOnWriteArrayList<>();
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();

    private ClientMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Binding into the registry of the serving metrics when {@code listener} is or includes them
     * ({@link ServingListener#all}); otherwise binding nothing.
     */
    public static ClientMetrics of(ServingListener listener) {
        return new ClientMetrics(listener.unwrap(ServingMetrics.class).map(ServingMetrics::registry).orElse(null));
    }

    public ConsumerSettings<byte[], byte[]> bind(ConsumerSettings<byte[], byte[]> settings) {
        return settings.withConsumerFactory(s -> {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(s.getProperties()),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumers.add(consumer);
            if (registry != null) {
                bind(new KafkaClientMetrics(consumer));
            }
            return consumer;
        });
    }

    /** Why the bound consumers are cut off from the cluster, if they are; see {@link BrokerContact}. */
    public Optional<String> lostContact() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        consumers.forEach(consumer -> metrics.putAll(consumer.metrics()));
        return BrokerContact.lost(metrics);
    }

    public ProducerSettings<byte[], byte[]> bind(ProducerSettings<byte[], byte[]> settings) {
        if (registry == null) {
            return settings;
        }
        return settings.withProducerFactory(s -> {
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties(s.getProperties()),
                    new ByteArraySerializer(), new ByteArraySerializer());
            bind(new KafkaClientMetrics(producer));
            return producer;
        });
    }

    private void bind(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        bound.add(metrics);
    }

    private static Map<String, Object> properties(Map<String, Object> properties) {
        return new HashMap<>(properties);
    }

    /** Unbinds every client bound so far. */
    @Override
    public void close() {
        bound.forEach(KafkaClientMetrics::close);
        bound.clear();
        consumers.clear();
    }
}
