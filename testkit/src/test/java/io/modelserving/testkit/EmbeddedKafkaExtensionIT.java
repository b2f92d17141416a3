package io.modelserving.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaExtensionIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void singleRecordKeepsKeyValueAndHeadersInOrder() {
        KAFKA.createTopic("single", 1);
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("source", "lab".getBytes(UTF_8));
        headers.put("attempt", new byte[] {1, 2});

        RecordMetadata written = KAFKA.produce("single", "k".getBytes(UTF_8), "v".getBytes(UTF_8), headers);
        List<ConsumerRecord<byte[], byte[]>> read = KAFKA.consume("single", 1, TIMEOUT);

        assertThat(read).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = read.get(0);
        assertThat(record.offset()).isEqualTo(written.offset());
        assertThat(new String(record.key(), UTF_8)).isEqualTo("k");
        assertThat(new String(record.value(), UTF_8)).isEqualTo("v");
        assertThat(record.headers().toArray()).extracting(Header::key).containsExactly("source", "attempt");
        assertThat(record.headers().lastHeader("attempt").value()).containsExactly(1, 2);
    }

    @Test
    void createdTopicHasTheRequestedPartitions() {
        KAFKA.createTopic("three", 3);
        for (int i = 0; i < 30; i++) {
            KAFKA.produceString("three", "key-" + i, "value-" + i);
        }
        List<ConsumerRecord<byte[], byte[]>> read = KAFKA.consumeAll("three", TIMEOUT);

        assertThat(read).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
        assertThat(read).extracting(r -> new String(r.value(), UTF_8)).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void compactedTopicIsCompacted() throws Exception {
        KAFKA.createCompactedTopic("models", 1);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(KAFKA.adminProperties())) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "models");
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void creatingAnExistingTopicFailsWithItsName() {
        KAFKA.createTopic("twice", 1);
        assertThatThrownBy(() -> KAFKA.createTopic("twice", 1))
                .isInstanceOf(EmbeddedKafkaException.class).hasMessageContaining("twice");
    }

    @Test
    void consumeReturnsWhatArrivedWhenTheTimeoutPasses() {
        KAFKA.createTopic("short", 1);
        KAFKA.produceString("short", "a", "1");
        KAFKA.produceString("short", "b", "2");

        List<ConsumerRecord<byte[], byte[]>> read = KAFKA.consume("short", 5, Duration.ofSeconds(3));

        assertThat(read).extracting(r -> new String(r.key(), UTF_8)).containsExactly("a", "b");
    }

    @Nested
    class NestedTests {
        @Test
        void shareTheOuterBroker() {
            assertThat(KAFKA.bootstrapServers()).isEqualTo(KAFKA.broker().bootstrapServers());
            KAFKA.createTopic("nested", 1);
            KAFKA.produceString("nested", null, "x");
            assertThat(KAFKA.consume("nested", 1, TIMEOUT)).hasSize(1);
        }
    }
}
