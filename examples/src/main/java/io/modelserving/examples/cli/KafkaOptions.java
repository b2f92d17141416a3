package io.modelserving.examples.cli;

import io.modelserving.examples.kafka.ClusterAdmin;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.kafka.ServingTopics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The broker and topic options every networked subcommand shares, with the same defaults everywhere. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Mixin
    ClientOptions client;

    @Option(names = "--data-topic", defaultValue = ServingTopics.DEFAULT_DATA, description = "Default: ${DEFAULT-VALUE}.")
    String dataTopic;

    @Option(names = "--model-topic", defaultValue = ServingTopics.DEFAULT_MODELS, description = "Default: ${DEFAULT-VALUE}.")
    String modelTopic;

    @Option(names = "--scored-topic", defaultValue = ServingTopics.DEFAULT_SCORED, description = "Default: ${DEFAULT-VALUE}.")
    String scoredTopic;

    @Option(names = "--dlq-topic", defaultValue = ServingTopics.DEFAULT_DEAD_LETTERS, description = "Default: ${DEFAULT-VALUE}.")
    String dlqTopic;

    ServingTopics topics() {
        return ServingTopics.of(dataTopic, modelTopic, scoredTopic, dlqTopic);
    }

    /**
     * The cluster with its client properties.
     *
     * @throws IllegalArgumentException when the client config file cannot be read
     */
    KafkaConnection cluster() {
        return client.cluster(bootstrapServers);
    }

    /**
     * The {@link #cluster()} once one of its brokers has answered, so that a command fails within seconds, naming
     * the servers, instead of waiting on a cluster that is not there.
     *
     * @throws IllegalArgumentException when the client config file cannot be read
     * @throws IllegalStateException    when no broker answered
     */
    KafkaConnection reachableCluster() {
        KafkaConnection cluster = cluster();
        ClusterAdmin.requireReachable(cluster);
        return cluster;
    }
}
