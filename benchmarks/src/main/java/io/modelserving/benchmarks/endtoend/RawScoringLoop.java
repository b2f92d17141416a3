package io.modelserving.benchmarks.endtoend;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.kafka.ServingTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Same-work baseline, the practical upper bound: a hand-written Kafka clients loop doing what the adapters do, and
 * nothing else. One thread per core, each with its own consumer in one group: poll, decode every record, score the
 * whole poll as one batch (one ONNX Runtime run), encode every envelope, send, wait for the sends' acknowledgements,
 * commit (at-least-once).
 *
 * <p>The threads share one producer: it is thread-safe and puts every thread's records for a partition into the same
 * batches, with one network thread instead of one per consumer on a small machine. Each thread waits only for the
 * futures of its own sends, so the sharing does not couple the threads' commits (a {@code flush()} would). The
 * offsets are committed asynchronously after each acknowledged poll, and synchronously when partitions are revoked
 * and on close: a failed asynchronous commit is covered by the next one, and a rebalance scores nothing twice.
 */
final class RawScoringLoop implements Pipeline {

    private final SameWork work;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final String in;
    private final String out;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean started;

    RawScoringLoop(String bootstrapServers, ServingTopics topics, String groupId, Workload workload) {
        in = topics.data();
        out = topics.scored();
        work = new SameWork(workload.model(1));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        for (int i = 0; i < threadCount(); i++) {
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c);
            consumers.add(consumer);
            threads.add(new Thread(() -> loop(consumer), "raw-scoring-loop-" + i));
        }
    }

    /** One consumer thread per core. */
    static int threadCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void start() {
        started = true;
        threads.forEach(Thread::start);
    }

    private void loop(KafkaConsumer<byte[], byte[]> consumer) {
        try {
            consumer.subscribe(List.of(in), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // every polled record is acknowledged by now: its successor must not score it again
                    consumer.commitSync();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    serve(records);
                    consumer.commitAsync();
                }
            }
            consumer.commitSync();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            consumer.close();
        }
    }

    /** Decode, score as one batch, encode, send; returns once every send is acknowledged. */
    private void serve(ConsumerRecords<byte[], byte[]> records) throws InterruptedException, ExecutionException {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        List<Features> inputs = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(record);
            inputs.add(work.decode(record.value()));
        }
        long start = System.nanoTime();
        List<Prediction> predictions = work.score(inputs);
        long nanos = (System.nanoTime() - start) / inputs.size();
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = batch.get(i);
            byte[] envelope = work.envelope(inputs.get(i), predictions.get(i), nanos, new ScoredRecord.Origin(
                    record.topic(), record.partition(), record.offset(), record.timestamp()));
            sends.add(producer.send(new ProducerRecord<>(out, record.key(), envelope)));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(); // outputs acknowledged before their offsets are committed
        }
    }

    @Override
    public void close() {
        running = false;
        if (started) {
            try {
                for (Thread thread : threads) {
                    thread.join(30_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumers.forEach(KafkaConsumer::close);
        }
        producer.close(Duration.ofSeconds(10));
        work.close();
        if (failure.get() != null) {
            throw new IllegalStateException("The raw scoring loop failed: " + failure.get(), failure.get());
        }
    }
}
