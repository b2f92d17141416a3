package io.modelserving.examples.cli;

import io.modelserving.kafka.ServingTopics;
import picocli.CommandLine.Option;

/** The broker and topic options every networked subcommand shares, with the same defaults everywhere. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

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
}
