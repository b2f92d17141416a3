package io.modelserving.akka.internal.kafka;

import akka.Done;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.kafka.InstanceId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a static member out of its group after a clean stop. A static member's consumer does not leave its group
 * when it closes (so that a restart takes its partitions back without a rebalance); a stop meant to last hands
 * them to the other instances at once instead of after the session timeout.
 */
public final class GroupLeave {

    private static final Logger LOG = LoggerFactory.getLogger(GroupLeave.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private GroupLeave() {
    }

    /** Removes the settings' instance from the data consumer's group; completes at once without an instance id. */
    public static CompletionStage<Done> leave(KafkaServingSettings settings) {
        if (settings.instanceId().isEmpty()) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        InstanceId id = settings.instanceId().get();
        Map<String, Object> config = new HashMap<>();
        settings.dataConsumerSettings().getProperties().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        // Both, since the admin client refuses an API timeout shorter than the request timeout (30 s by default).
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        Admin admin = Admin.create(config);
        return admin.removeMembersFromConsumerGroup(settings.groupId(),
                        new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(id.value()))))
                .all().toCompletionStage()
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("Instance {} could not leave group {}; its partitions move when its session times "
                                + "out: {}", id, settings.groupId(), failure.toString());
                    }
                    admin.close(Duration.ZERO);
                    return Done.getInstance();
                });
    }
}
