package io.modelserving.examples.serving;

import io.modelserving.ModelLimits;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.InstanceId;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a serving instance of the examples needs, whichever engine runs it.
 *
 * @param httpPort       the HTTP endpoint's port; 0 for any free port
 * @param stateDir       where the engine keeps local state
 * @param instanceId     the instance's stable identity across restarts (static group membership), or null
 * @param sessionTimeout the data consumer's session timeout, or null for Kafka's default
 * @param peers          the HTTP endpoints of the application's other instances, where the engine cannot find
 *                       them itself (Akka Streams)
 */
public record ServingOptions(String bootstrapServers, ServingTopics topics, DeliveryGuarantee guarantee,
                             String applicationId, int httpPort, NoModelPolicy noModelPolicy,
                             Duration noModelWait, ModelLimits limits, Path stateDir, InstanceId instanceId,
                             Duration sessionTimeout, List<URI> peers) {

    public ServingOptions {
        peers = List.copyOf(peers);
    }

    public static ServingOptions defaults(String bootstrapServers, Path stateDir) {
        return new ServingOptions(bootstrapServers, ServingTopics.defaults(), DeliveryGuarantee.AT_LEAST_ONCE,
                "modelserving-examples", 8080, NoModelPolicy.DEFAULT, NoModelPolicy.DEFAULT_WAIT_TIMEOUT,
                ModelLimits.defaults(), stateDir, null, null, List.of());
    }

    public Optional<InstanceId> instance() {
        return Optional.ofNullable(instanceId);
    }

    public Optional<Duration> session() {
        return Optional.ofNullable(sessionTimeout);
    }

    public ServingOptions withTopics(ServingTopics newTopics) {
        return new ServingOptions(bootstrapServers, newTopics, guarantee, applicationId, httpPort, noModelPolicy,
                noModelWait, limits, stateDir, instanceId, sessionTimeout, peers);
    }

    public ServingOptions withGuarantee(DeliveryGuarantee newGuarantee) {
        return new ServingOptions(bootstrapServers, topics, newGuarantee, applicationId, httpPort, noModelPolicy,
                noModelWait, limits, stateDir, instanceId, sessionTimeout, peers);
    }

    public ServingOptions withHttpPort(int port) {
        return new ServingOptions(bootstrapServers, topics, guarantee, applicationId, port, noModelPolicy,
                noModelWait, limits, stateDir, instanceId, sessionTimeout, peers);
    }

    public ServingOptions withAllowedModelDirectories(List<Path> directories) {
        return new ServingOptions(bootstrapServers, topics, guarantee, applicationId, httpPort, noModelPolicy,
                noModelWait, new ModelLimits(limits.maxModelBytes(), directories), stateDir, instanceId,
                sessionTimeout, peers);
    }

    public ServingOptions withPeers(List<URI> newPeers) {
        return new ServingOptions(bootstrapServers, topics, guarantee, applicationId, httpPort, noModelPolicy,
                noModelWait, limits, stateDir, instanceId, sessionTimeout, newPeers);
    }

    /** A stable identity ({@code id} may be null for none) and the session timeout that goes with it. */
    public ServingOptions withMembership(InstanceId id, Duration timeout) {
        return new ServingOptions(bootstrapServers, topics, guarantee, applicationId, httpPort, noModelPolicy,
                noModelWait, limits, stateDir, id, timeout, peers);
    }
}
