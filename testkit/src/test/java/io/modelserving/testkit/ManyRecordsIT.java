package io.modelserving.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ManyRecordsIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int COUNT = 10_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void everyRecordArrivesExactlyOnce() {
        KAFKA.createTopic("many", 4);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            records.add(new ProducerRecord<>("many", ("key-" + i).getBytes(UTF_8), ("value-" + i).getBytes(UTF_8)));
        }

        List<RecordMetadata> acks = KAFKA.produceAll(records);
        List<ConsumerRecord<byte[], byte[]>> read = KAFKA.consume("many", COUNT, TIMEOUT);
        List<ConsumerRecord<byte[], byte[]>> wholeTopic = KAFKA.consumeAll("many", TIMEOUT);

        assertThat(acks).hasSize(COUNT);
        assertThat(read).hasSize(COUNT);
        // no duplicates or strays: the whole topic up to its end offsets holds exactly what was written
        assertThat(wholeTopic).hasSize(COUNT);
        Map<String, Integer> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : wholeTopic) {
            String key = new String(record.key(), UTF_8);
            String value = new String(record.value(), UTF_8);
            assertThat(value).isEqualTo("value-" + key.substring("key-".length()));
            seen.merge(key, 1, Integer::sum);
        }
        assertThat(seen).hasSize(COUNT);
        assertThat(seen.values()).containsOnly(1);
        assertThat(wholeTopic).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2, 3);
    }

    @Test
    void recordsOfOneKeyKeepTheirOrder() {
        KAFKA.createTopic("ordered", 3);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            records.add(new ProducerRecord<>("ordered", ("k" + (i % 5)).getBytes(UTF_8), String.valueOf(i).getBytes(UTF_8)));
        }
        KAFKA.produceAll(records);

        Map<String, List<Integer>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.consume("ordered", 500, TIMEOUT)) {
            byKey.computeIfAbsent(new String(r.key(), UTF_8), k -> new ArrayList<>())
                    .add(Integer.parseInt(new String(r.value(), UTF_8)));
        }

        assertThat(byKey).hasSize(5);
        byKey.forEach((key, values) -> assertThat(values).hasSize(100).isSorted());
    }
}
