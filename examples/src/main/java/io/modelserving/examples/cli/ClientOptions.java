package io.modelserving.examples.cli;

import io.modelserving.examples.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The Kafka client settings beyond the bootstrap servers (security above all), for every client of a command. */
final class ClientOptions {

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, …) for every client.")
    Path clientConfig;

    @Option(names = "--client-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property for every client (repeatable); wins over --client-config.")
    Map<String, String> clientProperties = new LinkedHashMap<>();

    /**
     * The cluster at {@code bootstrapServers} with these client properties.
     *
     * @throws IllegalArgumentException when the client config file cannot be read
     */
    KafkaConnection cluster(String bootstrapServers) {
        KafkaConnection cluster = KafkaConnection.of(bootstrapServers);
        if (clientConfig != null) {
            Checks.readableFile("--client-config", clientConfig);
            cluster = cluster.withProperties(KafkaConnection.readProperties(clientConfig));
        }
        return cluster.withProperties(clientProperties);
    }
}
