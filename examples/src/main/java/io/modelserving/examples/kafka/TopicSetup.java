package io.modelserving.examples.kafka;

import io.modelserving.kafka.ServingTopics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the serving topics when they do not exist yet: data and scored with 4 partitions, the model topic
 * compacted (it keeps the latest model per data type), dead letters with one partition. Replication factor 1
 * suits the embedded broker; on a real cluster, create the topics yourself with its own settings.
 */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static void ensure(String bootstrapServers, ServingTopics topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> wanted = List.of(new NewTopic(topics.data(), 4, (short) 1),
                    new NewTopic(topics.models(), 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(topics.scored(), 4, (short) 1),
                    new NewTopic(topics.deadLetters(), 1, (short) 1));
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic.name() + ": "
                                + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
