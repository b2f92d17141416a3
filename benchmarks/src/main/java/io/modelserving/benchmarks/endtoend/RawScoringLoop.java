package io.modelserving.benchmarks.endtoend;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.kafka.ServingTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Same-work baseline, the practical upper bound: a hand-written Kafka clients loop doing what the adapters do, and
 * nothing else. {@code setup.threads()} threads, each with its own consumer in one group: poll, decode every record,
 * score the whole poll as one batch (one ONNX Runtime run), encode every envelope, send.
 *
 * <p>At-least-once ({@link AtLeastOnceRawLoop}): the threads share one producer, which is thread-safe and puts every
 * thread's records for a partition into the same batches, with one network thread instead of one per consumer. A
 * thread does not wait for a poll's acknowledgements before polling again: it commits (asynchronously) the offsets of
 * the oldest polls whose every output is acknowledged, with at most {@value AtLeastOnceRawLoop#MAX_POLLS_IN_FLIGHT}
 * polls unacknowledged. On revocation and on close it waits for every send and commits synchronously, so a rebalance
 * scores nothing twice.
 *
 * <p>Exactly-once ({@link ExactlyOnceRawLoop}): each thread has its own transactional producer (transactional id
 * group id + "-" + thread index) and a {@code read_committed} consumer; its outputs and offsets go into one
 * transaction per {@value ExactlyOnceRawLoop#COMMIT_INTERVAL_MS} ms, the commit interval of Alpakka's and Kafka
 * Streams' exactly-once.
 *
 * <p>A failed send, commit or transaction fails the whole pipeline: {@link #close()} throws, so a partial run is
 * never counted as complete.
 */
final class RawScoringLoop implements Pipeline {

    private final SameWork work;
    private final String in;
    private final String out;
    private final KafkaProducer<byte[], byte[]> sharedProducer;
    // closed by their threads once started
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean started;

    RawScoringLoop(String bootstrapServers, ServingTopics topics, String groupId, Workload workload,
                   PipelineSetup setup) {
        in = topics.data();
        out = topics.scored();
        work = new SameWork(workload.model(1));
        sharedProducer = setup.exactlyOnce() ? null : new KafkaProducer<>(ClientProperties.producer(bootstrapServers));
        for (int i = 0; i < setup.threads(); i++) {
            Properties c = ClientProperties.consumer(bootstrapServers, groupId);
            if (setup.exactlyOnce()) {
                c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            }
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c);
            clients.add(consumer);
            Runnable loop;
            if (setup.exactlyOnce()) {
                Properties p = ClientProperties.producer(bootstrapServers);
                p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId + "-" + i);
                p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
                clients.add(producer);
                loop = new ExactlyOnceRawLoop(this, consumer, producer);
            } else {
                loop = new AtLeastOnceRawLoop(this, consumer, sharedProducer);
            }
            threads.add(new Thread(loop, "raw-scoring-loop-" + i));
        }
    }

    @Override
    public void start() {
        started = true;
        threads.forEach(Thread::start);
    }

    String dataTopic() {
        return in;
    }

    /** False once the pipeline is closing or has failed: the threads finish what is in flight and stop. */
    boolean running() {
        return running;
    }

    /** Records the first failure and stops every thread: the run cannot complete. Safe from any thread. */
    void fail(Throwable t) {
        failure.compareAndSet(null, t);
        running = false;
    }

    /** Decode, score as one batch, encode: the output of every record of a poll, in the poll's order. */
    List<ProducerRecord<byte[], byte[]>> outputs(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        List<Features> inputs = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(record);
            inputs.add(work.decode(record.value()));
        }
        long start = System.nanoTime();
        List<Prediction> predictions = work.score(inputs);
        long nanos = (System.nanoTime() - start) / inputs.size();
        List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = batch.get(i);
            byte[] envelope = work.envelope(inputs.get(i), record.value(), predictions.get(i), nanos,
                    new ScoredRecord.Origin(record.topic(), record.partition(), record.offset(), record.timestamp()));
            outputs.add(new ProducerRecord<>(out, record.key(), envelope));
        }
        return outputs;
    }

    /** The offsets to commit once a poll is done: each partition's last record plus one. */
    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
            ConsumerRecord<byte[], byte[]> last = polled.get(polled.size() - 1);
            offsets.put(partition, new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), ""));
        }
        return offsets;
    }

    @Override
    public void close() {
        running = false;
        if (started) {
            try {
                for (Thread thread : threads) {
                    thread.join(30_000);
                    if (thread.isAlive()) {
                        fail(new IllegalStateException(thread.getName() + " did not stop within 30 s"));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        } else {
            for (AutoCloseable client : clients) {
                try {
                    client.close();
                } catch (Exception e) {
                    // never used: nothing was lost
                }
            }
        }
        if (sharedProducer != null) {
            sharedProducer.close(Duration.ofSeconds(10));
        }
        work.close();
        if (failure.get() != null) {
            throw new IllegalStateException("The raw scoring loop failed: " + failure.get(), failure.get());
        }
    }
}
