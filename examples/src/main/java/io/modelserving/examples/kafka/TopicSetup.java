package io.modelserving.examples.kafka;

import io.modelserving.kafka.ServingTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the serving topics when they do not exist yet: data and scored with 4 partitions, the model topic
 * compacted (it keeps the latest model per data type), dead letters with one partition. Topics that exist are
 * left as they are. The replication factor is the broker's default ({@code default.replication.factor}) unless
 * one is given.
 */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static void ensure(String bootstrapServers, ServingTopics topics) {
        ensure(KafkaConnection.of(bootstrapServers), topics, Optional.empty());
    }

    /**
     * @param replicationFactor the replication factor of new topics; empty for the broker's default
     * @throws IllegalStateException when a topic cannot be created, e.g. the cluster is unreachable
     */
    public static void ensure(KafkaConnection cluster, ServingTopics topics, Optional<Short> replicationFactor) {
        try (Admin admin = ClusterAdmin.create(cluster)) {
            List<NewTopic> wanted = List.of(new NewTopic(topics.data(), Optional.of(4), replicationFactor),
                    new NewTopic(topics.models(), Optional.of(1), replicationFactor)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(topics.scored(), Optional.of(4), replicationFactor),
                    new NewTopic(topics.deadLetters(), Optional.of(1), replicationFactor));
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + " on "
                                + cluster.bootstrapServers() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
