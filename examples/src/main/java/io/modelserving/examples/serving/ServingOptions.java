package io.modelserving.examples.serving;

import io.modelserving.ModelLimits;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a serving instance of the examples needs, whichever engine runs it.
 *
 * @param httpPort the HTTP endpoint's port; 0 for any free port
 * @param stateDir where the engine keeps local state
 */
public record ServingOptions(String bootstrapServers, ServingTopics topics, DeliveryGuarantee guarantee,
                             String applicationId, int httpPort, NoModelPolicy noModelPolicy,
                             Duration noModelWait, ModelLimits limits, Path stateDir) {

    public static ServingOptions defaults(String bootstrapServers, Path stateDir) {
        return new ServingOptions(bootstrapServers, ServingTopics.defaults(), DeliveryGuarantee.AT_LEAST_ONCE,
                "modelserving-examples", 8080, NoModelPolicy.DEFAULT, NoModelPolicy.DEFAULT_WAIT_TIMEOUT,
                ModelLimits.defaults(), stateDir);
    }

    public ServingOptions withTopics(ServingTopics newTopics) {
        return new ServingOptions(bootstrapServers, newTopics, guarantee, applicationId, httpPort, noModelPolicy,
                noModelWait, limits, stateDir);
    }

    public ServingOptions withGuarantee(DeliveryGuarantee newGuarantee) {
        return new ServingOptions(bootstrapServers, topics, newGuarantee, applicationId, httpPort, noModelPolicy,
                noModelWait, limits, stateDir);
    }

    public ServingOptions withHttpPort(int port) {
        return new ServingOptions(bootstrapServers, topics, guarantee, applicationId, port, noModelPolicy,
                noModelWait, limits, stateDir);
    }

    public ServingOptions withAllowedModelDirectories(List<Path> directories) {
        return new ServingOptions(bootstrapServers, topics, guarantee, applicationId, httpPort, noModelPolicy,
                noModelWait, new ModelLimits(limits.maxModelBytes(), directories), stateDir);
    }
}
