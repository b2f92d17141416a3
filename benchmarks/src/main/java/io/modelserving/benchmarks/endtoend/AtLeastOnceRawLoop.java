package io.modelserving.benchmarks.endtoend;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer thread of the {@link RawScoringLoop} at at-least-once, pipelined: it sends a poll's outputs and polls
 * again at once, and commits a partition's offsets once every output up to them is acknowledged
 * ({@link InFlightPolls}). The producer is shared with the other threads; each thread waits only for its own
 * sends, so the sharing does not couple their commits (a {@code flush()} would).
 */
final class AtLeastOnceRawLoop implements Runnable {

    /**
     * The most polls sent but not yet acknowledged before the thread waits for the oldest: enough to keep the
     * producer busy while the next poll is scored, few enough to bound the memory and the duplicates of a crash.
     */
    static final int MAX_POLLS_IN_FLIGHT = 4;

    private final RawScoringLoop pipeline;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final InFlightPolls inFlight;
    // set once done: the close's revocation finds everything committed, or the pipeline failed
    private boolean closing;

    AtLeastOnceRawLoop(RawScoringLoop pipeline, KafkaConsumer<byte[], byte[]> consumer,
                       KafkaProducer<byte[], byte[]> producer) {
        this.pipeline = pipeline;
        this.consumer = consumer;
        this.producer = producer;
        this.inFlight = new InFlightPolls(pipeline::fail);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(pipeline.dataTopic()), new Rebalances());
            while (pipeline.running()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    send(records);
                    inFlight.awaitUntilAtMost(MAX_POLLS_IN_FLIGHT);
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = inFlight.newlyCommittable();
                if (!offsets.isEmpty()) {
                    // a failed asynchronous commit is covered by the next one, or by the synchronous one at the end
                    consumer.commitAsync(offsets, null);
                }
            }
            inFlight.awaitAll();
            commitSync();
        } catch (Throwable t) {
            pipeline.fail(t);
        } finally {
            closing = true;
            consumer.close();
        }
    }

    private void send(ConsumerRecords<byte[], byte[]> records) {
        List<ProducerRecord<byte[], byte[]>> outputs = pipeline.outputs(records);
        Callback acknowledged = inFlight.track(RawScoringLoop.nextOffsets(records), outputs.size());
        for (ProducerRecord<byte[], byte[]> output : outputs) {
            producer.send(output, acknowledged);
        }
    }

    private void commitSync() {
        Map<TopicPartition, OffsetAndMetadata> offsets = inFlight.committable();
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    /** Called inside {@code poll}, on this thread. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (closing) {
                return;
            }
            // every output sent so far acknowledged and committed: the partitions' next owner scores nothing twice
            awaitAll();
            commitSync();
            inFlight.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (closing) {
                return;
            }
            // another member may own them already: no commit, which could undo its progress
            awaitAll();
            inFlight.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        private void awaitAll() {
            try {
                inFlight.awaitAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for acknowledgements", e);
            }
        }
    }
}
