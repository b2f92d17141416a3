package io.modelserving.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

    @Test
    void readsAClientPropertiesFileAndLaterValuesWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                # a SASL_SSL client
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                bootstrap.servers=ignored:1
                """);

        KafkaConnection cluster = KafkaConnection.of("broker:9093")
                .withProperties(KafkaConnection.readProperties(file))
                .withProperties(Map.of("sasl.mechanism", "SCRAM-SHA-512"));
        Properties props = cluster.clientProperties();

        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("bootstrap.servers", "broker:9093");
        assertThat(cluster.properties()).doesNotContainKey("bootstrap.servers");
    }

    @Test
    void aMissingFileIsABadValueNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> KafkaConnection.readProperties(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void theProducersSafetySettingsWinButItsOtherDefaultsGiveWay() {
        KafkaConnection cluster = KafkaConnection.of("localhost:1")
                .withProperties(Map.of("acks", "0", "linger.ms", "50"));

        Properties props = Clients.producerProperties(cluster);

        assertThat(props).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", "50").containsEntry("max.block.ms", "10000");
    }
}
