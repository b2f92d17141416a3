package io.modelserving.akka.internal.kafka;

import akka.NotUsed;
import akka.kafka.ConsumerSettings;
import akka.kafka.Subscriptions;
import akka.kafka.javadsl.Consumer;
import akka.stream.ActorAttributes;
import akka.stream.javadsl.Source;
import io.modelserving.ModelServingException;
import io.modelserving.ScoredRecord;
import io.modelserving.kafka.InputRecord;
import io.modelserving.kafka.ModelMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The model topic as model events, for every instance: all its partitions assigned by hand (no consumer group, so
 * each instance reads every model), read from the beginning up to the end offsets found at start, then
 * {@link ModelEvent.RestoreEnd}, then whatever is published later.
 *
 * <p>The restore phase reads with a plain consumer, poll by poll on the blocking dispatcher, and compares its
 * position with the end offsets, which also counts transaction markers and compacted-away records; the live phase
 * is an Alpakka source that continues from where the restore stopped. The model topic must have exactly one partition (see
 * {@link ModelMessages#onePartitionOnly}); the stream fails at start otherwise.
 */
public final class ModelTopicSource {

    private static final Duration POLL = Duration.ofMillis(200);

    private ModelTopicSource() {
    }

    /**
     * The model topic's messages: those present at start, {@link ModelEvent.RestoreEnd}, then live ones.
     *
     * @param blockingDispatcher the dispatcher the restore's blocking polls run on
     */
    public static Source<ModelEvent, NotUsed> create(ConsumerSettings<byte[], byte[]> settings, String topic,
                                                     String blockingDispatcher, Duration restoreTimeout) {
        CompletableFuture<Map<TopicPartition, Long>> restoredUpTo = new CompletableFuture<>();
        // The restore streams poll by poll (never the whole topic in memory); the live source starts where it ended.
        Source<ModelEvent, NotUsed> restore = Source.unfoldResource(
                        () -> new Restore(settings, topic, restoreTimeout, restoredUpTo),
                        Restore::next,
                        Restore::close)
                .withAttributes(ActorAttributes.dispatcher(blockingDispatcher))
                .mapConcat(events -> events)
                .watchTermination((mat, done) -> {
                    done.whenComplete((ok, failure) -> {
                        if (failure != null) {
                            restoredUpTo.completeExceptionally(failure);
                        }
                    });
                    return mat;
                });
        Source<ModelEvent, NotUsed> live = Source.completionStageSource(restoredUpTo.thenApply(positions ->
                        Consumer.plainSource(settings, Subscriptions.assignmentWithOffset(positions))
                                .map(ModelTopicSource::message)
                                .mapMaterializedValue(control -> NotUsed.getInstance())))
                .mapMaterializedValue(ignored -> NotUsed.getInstance());
        return restore.concat(live);
    }

    /** A plain consumer reading the topic from the beginning to the end offsets found at start. */
    private static final class Restore {
        private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
        private final String topic;
        private final Duration timeout;
        private final List<TopicPartition> partitions;
        private final Map<TopicPartition, Long> end;
        private final long deadline;
        private final CompletableFuture<Map<TopicPartition, Long>> restoredUpTo;
        private long read;
        private boolean done;

        /** @param restoredUpTo completed with the positions the live source continues from */
        Restore(ConsumerSettings<byte[], byte[]> settings, String topic, Duration timeout,
                CompletableFuture<Map<TopicPartition, Long>> restoredUpTo) {
            this.consumer = settings.createKafkaConsumer();
            this.topic = topic;
            this.timeout = timeout;
            this.restoredUpTo = restoredUpTo;
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
                if (infos == null || infos.isEmpty()) {
                    throw new ModelServingException("Model topic '" + topic + "' does not exist");
                }
                if (infos.size() != 1) {
                    throw new ModelServingException(ModelMessages.onePartitionOnly(topic, infos.size()));
                }
                partitions = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                end = consumer.endOffsets(partitions, timeout);
                deadline = System.nanoTime() + timeout.toNanos();
            } catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
        }

        /** The next poll's events; the last batch ends with the restore's end; then nothing. */
        Optional<List<ModelEvent>> next() {
            if (done) {
                return Optional.empty();
            }
            List<ModelEvent> events = new ArrayList<>();
            if (partitions.stream().allMatch(tp -> consumer.position(tp, timeout) >= end.get(tp))) {
                done = true;
                Map<TopicPartition, Long> positions = new HashMap<>();
                partitions.forEach(tp -> positions.put(tp, consumer.position(tp, timeout)));
                restoredUpTo.complete(positions);
                events.add(new ModelEvent.RestoreEnd());
                return Optional.of(events);
            }
            if (System.nanoTime() > deadline) {
                throw new ModelServingException("Restoring the models of topic '" + topic + "' took over "
                        + timeout + ": read " + read + " records, end offsets " + end);
            }
            consumer.poll(POLL).forEach(record -> {
                read++;
                events.add(message(record));
            });
            return Optional.of(events);
        }

        void close() {
            consumer.close();
        }
    }

    private static ModelEvent message(ConsumerRecord<byte[], byte[]> record) {
        return new ModelEvent.Message(new InputRecord(record.key(), record.value(), record.headers(),
                new ScoredRecord.Origin(record.topic(), record.partition(), record.offset(), record.timestamp())));
    }
}
