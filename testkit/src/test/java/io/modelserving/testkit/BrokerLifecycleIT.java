package io.modelserving.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and restarting brokers; a kept directory's data survives a restart. */
class BrokerLifecycleIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path tempDir;

    @Test
    void restartsOnItsDirectoryWithTopicsAndRecords() {
        Path dir = tempDir.resolve("kafka-data");
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().logDir(dir).start()) {
            first.createCompactedTopic("models", 2);
            first.produceString("models", "wine", "model-1");
            first.produceString("models", "beer", "model-2");
        }
        assertThat(dir.resolve("meta.properties")).isRegularFile();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().logDir(dir).start()) {
            List<ConsumerRecord<byte[], byte[]>> read = second.consumeAll("models", TIMEOUT);

            assertThat(read).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("model-1", "model-2");
            second.produceString("models", "wine", "model-3");
            assertThat(second.consumeAll("models", TIMEOUT)).hasSize(3);
        }
        assertThat(dir).isDirectory();
    }

    @Test
    void restartsOnAFixedPort() {
        Path dir = tempDir.resolve("fixed");
        int port;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().logDir(dir).start()) {
            port = first.port();
            first.createTopic("t", 1);
            first.produceString("t", null, "kept");
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().port(port).logDir(dir).start()) {
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(second.consume("t", 1, TIMEOUT)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("kept");
        }
    }

    @Test
    void temporaryDirectoryIsDeletedAndCloseIsIdempotent() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Path dir = broker.logDir();
        assertThat(Files.isDirectory(dir)).isTrue();

        broker.close();
        broker.close();

        assertThat(broker.isClosed()).isTrue();
        assertThat(dir).doesNotExist();
    }

    @Test
    void twoBrokersRunSideBySideWithoutSharingData() {
        try (EmbeddedKafkaBroker one = EmbeddedKafkaBroker.start(); EmbeddedKafkaBroker two = EmbeddedKafkaBroker.start()) {
            assertThat(one.bootstrapServers()).isNotEqualTo(two.bootstrapServers());
            assertThat(one.logDir()).isNotEqualTo(two.logDir());
            one.createTopic("shared-name", 1);
            two.createTopic("shared-name", 1);
            one.produceString("shared-name", null, "on-one");
            two.produceString("shared-name", null, "on-two");

            assertThat(one.consumeAll("shared-name", TIMEOUT)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("on-one");
            assertThat(two.consumeAll("shared-name", TIMEOUT)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("on-two");
        }
    }

    @Test
    void brokerPropertiesOverrideTheDefaults() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().brokerProperty("num.partitions", "3").start();
             Admin admin = Admin.create(broker.adminProperties())) {
            broker.produceString("auto-created", null, "x"); // auto-created with the broker's num.partitions

            int partitions = admin.describeTopics(List.of("auto-created")).allTopicNames().get()
                    .get("auto-created").partitions().size();
            assertThat(partitions).isEqualTo(3);
        }
    }

    @Test
    void aTakenFixedPortFailsWithAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(taken.getLocalPort())
                    .logDir(tempDir.resolve("taken"));

            assertThatThrownBy(builder::start).isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("port " + taken.getLocalPort());
        }
    }
}
