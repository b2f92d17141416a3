package io.modelserving.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly-once needs the transaction state log on one replica; these tests fail without it. */
class TransactionsIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @Test
    void committedTransactionIsSeenByAReadCommittedConsumerGroup() {
        KAFKA.createTopic("tx-committed", 2);
        try (KafkaProducer<byte[], byte[]> producer = transactional("tx-committed-producer")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(record("tx-committed", "k" + i, "v" + i));
            }
            producer.commitTransaction();
        }

        Properties props = KAFKA.consumerProperties("tx-reader");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("tx-committed"));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (values.size() < 10 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(new String(r.value(), UTF_8)));
            }
        }

        assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void abortedTransactionIsHiddenFromReadCommittedOnly() {
        KAFKA.createTopic("tx-aborted", 1);
        try (KafkaProducer<byte[], byte[]> producer = transactional("tx-aborted-producer")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(record("tx-aborted", "a", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(record("tx-aborted", "c", "committed"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<byte[], byte[]>> committed = KAFKA.consumeAll("tx-aborted", TIMEOUT);
        List<ConsumerRecord<byte[], byte[]>> uncommitted =
                KAFKA.consume("tx-aborted", 2, TIMEOUT, IsolationLevel.READ_UNCOMMITTED);

        assertThat(committed).extracting(r -> new String(r.value(), UTF_8)).containsExactly("committed");
        assertThat(uncommitted).extracting(r -> new String(r.value(), UTF_8)).containsExactly("aborted", "committed");
    }

    private static KafkaProducer<byte[], byte[]> transactional(String transactionalId) {
        Properties props = KAFKA.producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(props);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key.getBytes(UTF_8), value.getBytes(UTF_8));
    }
}
