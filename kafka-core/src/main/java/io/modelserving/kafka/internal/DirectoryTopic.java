package io.modelserving.kafka.internal;

import io.modelserving.ModelServingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the instance-directory topic when it is missing: compacted, one partition, the broker's default
 * replication factor. A topic that exists is used as it is.
 */
public final class DirectoryTopic {

    /** Segments roll hourly, so compaction keeps the topic near one entry per instance and a new reader quick. */
    static final String SEGMENT_MS = Long.toString(Duration.ofHours(1).toMillis());

    private DirectoryTopic() {
    }

    /**
     * @throws ModelServingException when the topic is missing and cannot be created
     */
    public static void ensure(Properties clientProperties, String topic, Duration timeout) {
        NewTopic wanted = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, SEGMENT_MS));
        try (Admin admin = Admin.create(clientProperties)) {
            try {
                admin.createTopics(List.of(wanted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) && !exists(admin, topic, timeout)) {
                    // e.g. not allowed to create topics: then someone must create it, or turn discovery off
                    throw new ModelServingException("Cannot create the instance directory topic " + topic + ": "
                            + ModelServingException.reasonOf(e.getCause()), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new ModelServingException("Cannot create the instance directory topic " + topic
                        + ": no answer from the cluster within " + timeout.toSeconds() + " s", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelServingException("Interrupted while creating the instance directory topic " + topic, e);
        }
    }

    private static boolean exists(Admin admin, String topic, Duration timeout) throws InterruptedException {
        try {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
