package io.modelserving.examples.kafka;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every partition of a topic, from the beginning or from the end, until a count is reached or no
 * record has arrived for the idle timeout.
 */
public final class TopicReader {

    private final KafkaConnection cluster;

    public TopicReader(KafkaConnection cluster) {
        this.cluster = cluster;
    }

    /**
     * @param maxRecords stop after this many; {@code Long.MAX_VALUE} for no limit
     * @param idle       stop once no record arrived for this long
     * @return the number of records read
     */
    public long read(String topic, boolean fromBeginning, long maxRecords, Duration idle,
                     Consumer<ConsumerRecord<String, byte[]>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = Clients.reader(cluster)) {
            List<TopicPartition> partitions = waitForPartitions(consumer, topic, idle);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long count = 0;
            long lastRecordAt = System.nanoTime();
            while (count < maxRecords && System.nanoTime() - lastRecordAt < idle.toNanos()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(record);
                    lastRecordAt = System.nanoTime();
                    if (++count >= maxRecords) {
                        break;
                    }
                }
            }
            return count;
        }
    }

    private static List<TopicPartition> waitForPartitions(KafkaConsumer<String, byte[]> consumer, String topic,
                                                          Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(5)).getOrDefault(topic, List.of())
                    .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty() || System.nanoTime() > deadline) {
                return partitions;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return partitions;
            }
        }
    }
}
