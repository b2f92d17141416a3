package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class BrokerContactTest {

    private static final String LOST = "no connection to any Kafka broker";

    @Test
    void noMetricsMeansNothingToJudge() {
        assertThat(BrokerContact.lost(Map.of())).isEmpty();
    }

    @Test
    void aProducerWithoutConnectionsIsNotAConsumer() {
        assertThat(BrokerContact.lost(metrics(gauge("connection-count", "producer-metrics", "producer-1", 0))))
                .isEmpty();
    }

    @Test
    void oneConnectedConsumerIsEnough() {
        assertThat(BrokerContact.lost(metrics(
                gauge("connection-count", "consumer-metrics", "consumer-1", 0),
                gauge("connection-count", "consumer-metrics", "consumer-2", 2)))).isEmpty();
    }

    @Test
    void consumersWithoutAnyConnectionAreCutOff() {
        assertThat(BrokerContact.lost(metrics(
                gauge("connection-count", "consumer-metrics", "consumer-1", 0),
                gauge("connection-count", "consumer-metrics", "consumer-2", 0.0),
                gauge("connection-count", "producer-metrics", "producer-1", 3)))).contains(LOST);
    }

    @Test
    void onlyTheConnectionCountOfConsumersCounts() {
        assertThat(BrokerContact.lost(metrics(
                gauge("connection-creation-total", "consumer-metrics", "consumer-1", 0),
                gauge("connection-count", "consumer-metrics", "consumer-1", 1)))).isEmpty();
        assertThat(BrokerContact.lost(metrics(
                gauge("connection-creation-total", "consumer-metrics", "consumer-1", 5),
                gauge("connection-count", "consumer-metrics", "consumer-1", 0)))).contains(LOST);
    }

    @Test
    void aRealConsumerWithoutAReachableBrokerIsCutOff() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "broker-contact-test");
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "100");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("modelserving-data"));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            int polls = 0;
            Optional<String> lost;
            do {
                consumer.poll(Duration.ofMillis(500));
                polls++;
                lost = BrokerContact.lost(consumer.metrics());
            } while ((polls < 3 || lost.isEmpty()) && System.nanoTime() < deadline);
            assertThat(lost).contains(LOST);
        }
    }

    private static Map<MetricName, Metric> metrics(Metric... metrics) {
        Map<MetricName, Metric> byName = new HashMap<>();
        for (Metric metric : metrics) {
            byName.put(metric.metricName(), metric);
        }
        return byName;
    }

    private static Metric gauge(String name, String group, String clientId, double value) {
        MetricName metricName = new MetricName(name, group, "", Map.of("client-id", clientId));
        return new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}
