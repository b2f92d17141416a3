package io.modelserving.testkit.internal;

import io.modelserving.testkit.EmbeddedKafkaException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** Creates topics and waits until every partition has a leader, so the next produce or consume finds them. */
public final class Topics {

    private Topics() {
    }

    public static void create(Properties adminProperties, String name, int partitions, Map<String, String> configs,
                              Duration timeout) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank, was '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions + " for " + name);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminProperties)) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(Map.copyOf(configs));
            admin.createTopics(List.of(topic)).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, name, partitions, deadline);
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("Could not create topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("Creating topic " + name + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while creating topic " + name, e);
        }
    }

    private static void awaitLeaders(Admin admin, String name, int partitions, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS).get(name);
                List<TopicPartitionInfo> infos = description.partitions();
                if (infos.size() == partitions && infos.stream().allMatch(p -> p.leader() != null)
                        && hostedPartitions(admin, name, deadline) == partitions) {
                    return;
                }
            } catch (ExecutionException e) {
                // metadata not propagated yet: the topic is unknown to the broker for a moment
            }
            if (remainingMillis(deadline) <= 1) {
                throw new TimeoutException("partitions of " + name + " have no leader");
            }
            Thread.sleep(20);
        }
    }

    /**
     * How many partitions of {@code topic} have a log on some broker. A leader in the metadata comes a moment
     * before its log; a produce in between is answered with a retriable error and logged as a warning.
     */
    private static long hostedPartitions(Admin admin, String topic, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<Integer> brokers = admin.describeCluster().nodes().get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
                .stream().map(Node::id).toList();
        return admin.describeLogDirs(brokers).allDescriptions().get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
                .values().stream()
                .flatMap(dirs -> dirs.values().stream())
                .flatMap(dir -> dir.replicaInfos().keySet().stream())
                .filter(partition -> partition.topic().equals(topic))
                .map(TopicPartition::partition)
                .distinct()
                .count();
    }

    static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
