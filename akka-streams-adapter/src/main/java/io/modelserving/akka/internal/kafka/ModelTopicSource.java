package io.modelserving.akka.internal.kafka;

import akka.NotUsed;
import akka.kafka.ConsumerSettings;
import akka.kafka.Subscriptions;
import akka.kafka.javadsl.Consumer;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The model topic as model events, for every instance: all its partitions assigned by hand (no consumer group, so
 * each instance reads every model), read from the beginning up to the end offsets found at start, then
 * {@link ModelEvent.RestoreEnd}, then whatever is published later.
 *
 * <p>The restore phase reads with a plain consumer and compares its position with the end offsets, which also
 * counts transaction markers and compacted-away records; the live phase is an Alpakka source that continues
 * from where the restore stopped. The model topic must have exactly one partition (see
 * {@link ModelMessages#onePartitionOnly}); the stream fails at start otherwise.
 */
public final class ModelTopicSource {

    private static final Duration POLL = Duration.ofMillis(200);

    private ModelTopicSource() {
    }

    /** The model topic's messages: those present at start, {@link ModelEvent.RestoreEnd}, then live ones. */
    public static Source<ModelEvent, NotUsed> create(ConsumerSettings<byte[], byte[]> settings, String topic,
                                                     Executor blocking, Duration restoreTimeout) {
        return Source.completionStage(CompletableFuture.supplyAsync(() -> restore(settings, topic, restoreTimeout),
                        blocking))
                .flatMapConcat(restored -> Source.from(restored.records())
                        .<ModelEvent>map(ModelTopicSource::message)
                        .concat(Source.single(new ModelEvent.RestoreEnd()))
                        .concat(Consumer.plainSource(settings, Subscriptions.assignmentWithOffset(restored.positions()))
                                .map(ModelTopicSource::message)))
                .mapMaterializedValue(ignored -> NotUsed.getInstance());
    }

    private record Restored(List<ConsumerRecord<byte[], byte[]>> records, Map<TopicPartition, Long> positions) {
    }

    private static Restored restore(ConsumerSettings<byte[], byte[]> settings, String topic, Duration timeout) {
        try (org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = settings.createKafkaConsumer()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new ModelServingException("Model topic '" + topic + "' does not exist");
            }
            if (infos.size() != 1) {
                throw new ModelServingException(ModelMessages.onePartitionOnly(topic, infos.size()));
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ModelServingException("Restoring the models of topic '" + topic + "' took over "
                            + timeout + ": read " + records.size() + " records, end offsets " + end);
                }
                consumer.poll(POLL).forEach(records::add);
            }
            Map<TopicPartition, Long> positions = new HashMap<>();
            partitions.forEach(tp -> positions.put(tp, consumer.position(tp, timeout)));
            return new Restored(records, positions);
        }
    }

    private static ModelEvent message(ConsumerRecord<byte[], byte[]> record) {
        return new ModelEvent.Message(new InputRecord(record.key(), record.value(), record.headers(),
                new ScoredRecord.Origin(record.topic(), record.partition(), record.offset(), record.timestamp())));
    }
}
