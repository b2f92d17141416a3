package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.ServingTopics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Baseline: the plainest at-least-once copy with the Kafka clients on one thread: poll, send every record to the
 * scored topic, flush, commit.
 */
final class ConsumerProducerLoop implements Pipeline {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String in;
    private final String out;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean started;

    ConsumerProducerLoop(String bootstrapServers, ServingTopics topics, String groupId) {
        Properties c = ClientProperties.consumer(bootstrapServers, groupId);
        Properties p = ClientProperties.producer(bootstrapServers);
        consumer = new KafkaConsumer<>(c);
        producer = new KafkaProducer<>(p);
        in = topics.data();
        out = topics.scored();
        thread = new Thread(this::loop, "consumer-producer-loop");
    }

    @Override
    public void start() {
        started = true;
        thread.start();
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(in));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(out, record.key(), record.value()));
                }
                producer.flush();      // outputs acknowledged before their offsets are committed
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        if (started) {
            consumer.wakeup();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close();
        }
        producer.close(Duration.ofSeconds(10));
        if (failure.get() != null) {
            throw new IllegalStateException("The consumer->producer loop failed: " + failure.get(), failure.get());
        }
    }
}
