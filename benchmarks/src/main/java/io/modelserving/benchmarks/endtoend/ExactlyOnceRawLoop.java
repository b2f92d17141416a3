package io.modelserving.benchmarks.endtoend;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * One consumer thread of the {@link RawScoringLoop} at exactly-once: its own transactional producer and a
 * {@code read_committed} consumer. The outputs of the polls of one {@value #COMMIT_INTERVAL_MS} ms and their offsets
 * ({@code sendOffsetsToTransaction} with the consumer's group metadata, so a zombie of an older generation is
 * fenced) are committed in one transaction; a revocation and the close commit the open one first.
 *
 * <p>Any error fails the pipeline, after aborting the open transaction when the producer still can: a benchmark
 * needs no recovery, but must never count a partial run as complete.
 */
final class ExactlyOnceRawLoop implements Runnable {

    /** Alpakka's {@code eos-commit-interval} and Kafka Streams' exactly-once {@code commit.interval.ms}. */
    static final long COMMIT_INTERVAL_MS = 100;

    private final RawScoringLoop pipeline;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    // the offsets after the open transaction's records, empty when none is open
    private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    private long openedNanos;
    // set once done: the close's revocation finds the last transaction committed or aborted
    private boolean closing;

    ExactlyOnceRawLoop(RawScoringLoop pipeline, KafkaConsumer<byte[], byte[]> consumer,
                       KafkaProducer<byte[], byte[]> producer) {
        this.pipeline = pipeline;
        this.consumer = consumer;
        this.producer = producer;
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(pipeline.dataTopic()), new Rebalances());
            while (pipeline.running()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    send(records);
                }
                if (!offsets.isEmpty() && System.nanoTime() - openedNanos >= COMMIT_INTERVAL_MS * 1_000_000) {
                    commit();
                }
            }
            commit();
        } catch (Throwable t) {
            abort(t);
            pipeline.fail(t);
        } finally {
            closing = true;
            consumer.close();
            producer.close(Duration.ofSeconds(10));
        }
    }

    private void send(ConsumerRecords<byte[], byte[]> records) {
        List<ProducerRecord<byte[], byte[]>> outputs = pipeline.outputs(records);
        if (offsets.isEmpty()) {
            producer.beginTransaction();
            openedNanos = System.nanoTime();
        }
        offsets.putAll(RawScoringLoop.nextOffsets(records));
        for (ProducerRecord<byte[], byte[]> output : outputs) {
            producer.send(output); // a failed send fails commitTransaction
        }
    }

    /** Commits the open transaction, if any: its outputs and the offsets after them, atomically. */
    private void commit() {
        if (offsets.isEmpty()) {
            return;
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        offsets.clear();
    }

    /** Aborts the open transaction unless the error left the producer unusable (fenced or fatal). */
    private void abort(Throwable cause) {
        boolean open = !offsets.isEmpty();
        offsets.clear();
        if (!open || cause instanceof ProducerFencedException
                || cause instanceof OutOfOrderSequenceException || cause instanceof AuthorizationException) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            cause.addSuppressed(e); // closing the producer aborts it, or the broker's timeout does
        }
    }

    /** Called inside {@code poll}, on this thread, while the group metadata is still that of the revoked owner. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!closing) {
                commit();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (!closing && !offsets.isEmpty()) {
                // their next owner may have read past these offsets already: this transaction must not commit
                throw new IllegalStateException("Lost partitions " + partitions + " with a transaction open");
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    }
}
