package io.modelserving.testkit.internal;

import io.modelserving.testkit.EmbeddedKafkaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic from the beginning with a consumer that is assigned every partition: no group, no rebalance,
 * no committed offsets left behind.
 */
public final class Consuming {

    private static final Duration MAX_POLL = Duration.ofMillis(200);

    private Consuming() {
    }

    /** Up to {@code count} records, fewer when {@code timeout} passes first. */
    public static List<ConsumerRecord<byte[], byte[]>> read(Properties consumerProperties, String topic, int count,
                                                            Duration timeout) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            if (!assignAll(consumer, topic, deadline)) {
                return records;
            }
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(pollTime(deadline)).forEach(records::add);
            }
        }
        return records.size() > count ? new ArrayList<>(records.subList(0, count)) : records;
    }

    /** Every record up to the end offsets seen when reading starts; throws when they are not reached in time. */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(Properties consumerProperties, String topic,
                                                                 Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            if (!assignAll(consumer, topic, deadline)) {
                throw new EmbeddedKafkaException("Topic " + topic + " does not exist (waited " + timeout + ")");
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
            while (!reached(consumer, ends)) {
                if (System.nanoTime() >= deadline) {
                    throw new EmbeddedKafkaException("Read " + records.size() + " records of " + topic
                            + " but not up to its end offsets " + ends + " within " + timeout);
                }
                consumer.poll(pollTime(deadline)).forEach(records::add);
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic, long deadline) {
        while (true) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, pollTime(deadline));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                partitions = List.of(); // no metadata yet: retry until the deadline
            }
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> assigned = partitions.stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("Interrupted while waiting for topic " + topic, e);
            }
        }
    }

    private static Duration pollTime(long deadline) {
        long remaining = Math.max(1, deadline - System.nanoTime());
        return Duration.ofNanos(Math.min(remaining, MAX_POLL.toNanos()));
    }
}
