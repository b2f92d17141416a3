package io.modelserving.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** Admin calls are bounded in seconds; a user's own timeouts win and Kafka accepts the pair. */
class ClusterAdminTest {

    private static final String API = "default.api.timeout.ms";
    private static final String REQUEST = "request.timeout.ms";

    private static Properties props(Map<String, String> given) {
        Properties props = ClusterAdmin.properties(KafkaConnection.of("127.0.0.1:1").withProperties(given));
        // Kafka refuses an API timeout shorter than the request timeout when the API timeout is set.
        try (Admin admin = Admin.create(props)) {
            assertThat(admin).isNotNull();
        }
        return props;
    }

    @Test
    void boundedByDefault() {
        assertThat(props(Map.of())).containsEntry(API, "10000").containsEntry(REQUEST, "5000");
    }

    @Test
    void aLongerRequestTimeoutOfTheUserStretchesTheApiTimeout() {
        assertThat(props(Map.of(REQUEST, "30000"))).containsEntry(API, "30000").containsEntry(REQUEST, "30000");
    }

    @Test
    void aShorterApiTimeoutOfTheUserShortensTheRequestTimeout() {
        assertThat(props(Map.of(API, "3000"))).containsEntry(API, "3000").containsEntry(REQUEST, "3000");
    }

    @Test
    void bothOfTheUserAreKept() {
        assertThat(props(Map.of(API, "120000", REQUEST, "60000"))).containsEntry(API, "120000")
                .containsEntry(REQUEST, "60000");
    }

    @Test
    void serversThatAreNotHostAndPortAreABadValue() {
        assertThatThrownBy(() -> ClusterAdmin.requireReachable(KafkaConnection.of("localhost")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bootstrap server 'localhost' is not host:port");
        assertThatThrownBy(() -> ClusterAdmin.requireReachable(KafkaConnection.of(" , ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no bootstrap servers given");
    }

    @Test
    void unknownHostsAreNamed() {
        assertThatThrownBy(() -> ClusterAdmin.requireReachable(KafkaConnection.of("a.invalid:9092,b.invalid:9092")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot reach Kafka at a.invalid:9092,b.invalid:9092: unknown hosts a.invalid, b.invalid");
    }
}
