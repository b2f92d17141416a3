package io.modelserving.examples.kafka;

import io.modelserving.ModelServingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * One pass over a topic, every partition from its start (or a given offset) up to the end offset it had when the
 * pass began: a bounded read that ends even while records keep arriving.
 */
final class TopicPass {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final OptionalLong fromOffset;
    private final OptionalLong toOffset;
    private final Duration stallTimeout;

    /**
     * @param consumer     a consumer of no group, assigned nothing yet
     * @param fromOffset   the first offset read in each partition; empty for its start
     * @param toOffset     the last offset read in each partition; empty for its end
     * @param stallTimeout how long the read may make no progress before it fails
     */
    TopicPass(KafkaConsumer<byte[], byte[]> consumer, String topic, OptionalLong fromOffset, OptionalLong toOffset,
              Duration stallTimeout) {
        this.consumer = consumer;
        this.topic = topic;
        this.fromOffset = fromOffset;
        this.toOffset = toOffset;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Hands every record of the pass to {@code sink}, in offset order within each partition.
     *
     * @throws IllegalStateException when the topic does not exist, or cannot be read to its end
     */
    void forEach(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try {
            Map<TopicPartition, Long> ends = start();
            long remaining = remaining(ends);
            long lastProgress = System.nanoTime();
            while (remaining > 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        sink.accept(record);
                    }
                }
                // Progress is the position, not records: aborted records and transaction markers move it too.
                long now = remaining(ends);
                if (now < remaining) {
                    remaining = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                    throw new IllegalStateException("reading " + topic + " made no progress for "
                            + stallTimeout.toSeconds() + " s, " + remaining + " records before its end");
                }
            }
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot read " + topic + ": " + ModelServingException.reasonOf(e), e);
        }
    }

    /** Assigns and seeks every partition; returns the offset each pass ends before. */
    private Map<TopicPartition, Long> start() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        // Under read_committed this is the last stable offset: an open transaction does not hold the pass up.
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            if (toOffset.isPresent()) {
                ends.merge(partition, toOffset.getAsLong() + 1, Math::min);
            }
            consumer.seek(partition, Math.max(starts.get(partition), fromOffset.orElse(0)));
        }
        return ends;
    }

    /** Offsets still to pass over, summed over the partitions; done partitions are paused. */
    private long remaining(Map<TopicPartition, Long> ends) {
        long remaining = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long left = end.getValue() - consumer.position(end.getKey());
            if (left > 0) {
                remaining += left;
            } else if (!consumer.paused().contains(end.getKey())) {
                consumer.pause(List.of(end.getKey()));
            }
        }
        return remaining;
    }
}
