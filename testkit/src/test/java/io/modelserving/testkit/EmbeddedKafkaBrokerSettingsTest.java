package io.modelserving.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.testkit.internal.BrokerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings are checked when given, before any broker starts. */
class EmbeddedKafkaBrokerSettingsTest {

    @Test
    void portsOutsideTheRangeNameTheBadValue() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port").hasMessageContaining("70000");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().controllerPort(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("controllerPort")
                .hasMessageContaining("-1");
    }

    @Test
    void blankPropertyKeyAndNonPositiveTimeoutAreRejected() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerProperty(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }

    @Test
    void helpersRejectBlankBootstrapServersAndGroups() {
        assertThatThrownBy(() -> KafkaHelpers.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaHelpers.of("localhost:1").consumerProperties(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaHelpers.of("localhost:1").createTopic("t", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    @Test
    void clientPropertiesPointAtTheServers() {
        KafkaHelpers helpers = KafkaHelpers.of("host-a:1234");

        assertThat(helpers.producerProperties()).containsEntry("bootstrap.servers", "host-a:1234")
                .containsEntry("acks", "all");
        assertThat(helpers.consumerProperties("g1")).containsEntry("group.id", "g1")
                .containsEntry("auto.offset.reset", "earliest");
        // each call gives a fresh copy that a test may change freely
        helpers.producerProperties().put("acks", "0");
        assertThat(helpers.producerProperties()).containsEntry("acks", "all");
    }

    @Test
    void extensionHasNoBrokerOutsideATestClass() {
        assertThatThrownBy(() -> new EmbeddedKafkaExtension().bootstrapServers())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void serverPropertiesMakeOneNodeSelfSufficientAndOverridesWin() {
        Properties props = BrokerConfig.properties(9092, 9093, Path.of("data"), Map.of("num.io.threads", "1"));

        assertThat(props).containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("num.io.threads", "1")
                .containsEntry("log.dirs", Path.of("data").toAbsolutePath().toString());
    }
}
