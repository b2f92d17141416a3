package io.modelserving.kafkastreams.internal;

import io.modelserving.kafka.ModelMessages;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks at start that the model topic has one partition, as the core requires. */
public final class ModelTopicCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTopicCheck.class);
    private static final long TIMEOUT_SECONDS = 30;

    private ModelTopicCheck() {
    }

    /**
     * @throws IllegalArgumentException when {@code topic} exists with more than one partition; a topic that cannot
     *                                  be described (missing, unreachable) passes, and Kafka Streams reports it
     */
    public static void requireOnePartition(Properties props, String topic) {
        StreamsConfig config = new StreamsConfig(props);
        try (Admin admin = Admin.create(config.getAdminConfigs("modelserving-model-topic-check"))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            int partitions = description.partitions().size();
            if (partitions != 1) {
                throw new IllegalArgumentException(ModelMessages.onePartitionOnly(topic, partitions));
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not check the partitions of model topic '{}': {}", topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
