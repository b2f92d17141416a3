package io.modelserving.examples.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every client of the examples reaches the cluster: the bootstrap servers and any further Kafka client
 * properties (security protocol, SASL, SSL, timeouts), given to producers, consumers, admin clients and both
 * engines alike.
 *
 * <pre>{@code
 * KafkaConnection cluster = KafkaConnection.of("broker:9093")
 *         .withProperties(KafkaConnection.readProperties(Path.of("client.properties")));
 * }</pre>
 *
 * @param bootstrapServers the bootstrap servers
 * @param properties       further client properties, by name; they never override the bootstrap servers
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) {

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        properties = Map.copyOf(properties);
    }

    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** These properties added, replacing earlier values of the same names. */
    public KafkaConnection withProperties(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(properties);
        merged.putAll(more);
        merged.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return new KafkaConnection(bootstrapServers, merged);
    }

    /** Every client property, the bootstrap servers included, as Kafka's clients take them. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /**
     * Reads a Kafka client properties file (the format of {@code client.properties} in Kafka's own tools).
     *
     * @throws IllegalArgumentException when it cannot be read
     */
    public static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read client properties " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name)));
        return values;
    }
}
