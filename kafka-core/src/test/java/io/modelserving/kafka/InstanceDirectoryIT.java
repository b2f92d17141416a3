package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.testkit.EmbeddedKafkaExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Instance directories on a real broker: they find each other, a closed one disappears at once, a silent one after
 * the staleness bound, and nothing written on the topic stops them.
 */
class InstanceDirectoryIT {

    private static final URI A = URI.create("http://host-a:8080");
    private static final URI B = URI.create("http://host-b:8080");
    private static final Duration SHORT = Duration.ofMillis(300);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static Properties client() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(CommonClientConfigs.GROUP_ID_CONFIG, "the-application's-group"); // must not be joined
        return props;
    }

    @Test
    void twoInstancesSeeEachOtherAndAClosedOneDisappearsAtOnce() throws Exception {
        String topic = InstanceDirectory.topicFor("app-one");
        try (InstanceDirectory a = InstanceDirectory.builder(client(), "app-one").start("host-a:8080", A)) {
            InstanceDirectory b = InstanceDirectory.builder(client(), "app-one").start("host-b:8080", B);
            assertThat(a.topic()).isEqualTo("app-one-instances");
            awaitPeers(a::peers, List.of(B), Duration.ofSeconds(10));
            awaitPeers(b::peers, List.of(A), Duration.ofSeconds(10));

            long closing = System.nanoTime();
            b.close();
            assertThat(b.peers()).isEmpty();
            awaitPeers(a::peers, List.of(), Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - closing))
                    .as("gone by its tombstone, well before the 30 s staleness bound").isLessThan(Duration.ofSeconds(10));
        }
        try (Admin admin = Admin.create(client())) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void aSilentInstanceDisappearsAfterTheStalenessBoundAndAStaleOneIsNeverSeen() throws Exception {
        String topic = InstanceDirectory.topicFor("app-two");
        try (InstanceDirectory a = InstanceDirectory.builder(client(), "app-two").announceInterval(SHORT).start("a", A)) {
            // an instance that announced itself once and then died without a tombstone
            long written = System.nanoTime();
            KAFKA.produce(topic, utf8("ghost"), announcement("http://ghost:1", Instant.now()));
            awaitPeers(a::peers, List.of(URI.create("http://ghost:1")), Duration.ofSeconds(10));
            awaitPeers(a::peers, List.of(), Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - written)).as("listed until the bound of 3 × 300 ms")
                    .isGreaterThanOrEqualTo(SHORT.multipliedBy(3));

            // a new reader catching up does not list, even for a moment, an entry announced long ago
            KAFKA.produce(topic, utf8("old"), announcement("http://old:1", Instant.now().minusSeconds(3_600)));
            try (InstanceDirectory c = InstanceDirectory.builder(client(), "app-two").announceInterval(SHORT)
                    .start("c", B)) {
                long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(c.peers()).doesNotContain(URI.create("http://old:1"));
                    Thread.sleep(20);
                }
                assertThat(c.peers()).containsExactly(A);
            }
        }
    }

    @Test
    void garbageOnTheTopicIsIgnoredAndReadingGoesOn() throws Exception {
        String topic = InstanceDirectory.topicFor("app-three");
        // Not compacted, as someone may have created it: a compacted topic would refuse the record without a key.
        KAFKA.createTopic(topic, 1);
        KAFKA.produce(topic, null, announcement("http://no-key:1", Instant.now()));
        KAFKA.produce(topic, utf8("binary"), new byte[]{(byte) 0xFF, 0x00, (byte) 0xFE});
        KAFKA.produce(topic, utf8("ftp"), announcement("ftp://files:21", Instant.now()));
        KAFKA.produce(topic, utf8("huge"), new byte[100_000]);
        KAFKA.produce(topic, utf8("text"), utf8("hello"));
        KAFKA.produce(topic, new byte[]{(byte) 0xC3, (byte) 0x28}, announcement("http://bad-key:1", Instant.now()));
        KAFKA.produce(topic, utf8("never-announced"), null);
        try (InstanceDirectory a = InstanceDirectory.builder(client(), "app-three").start("a", A);
             InstanceDirectory b = InstanceDirectory.builder(client(), "app-three").start("b", B)) {
            awaitPeers(a::peers, List.of(B), Duration.ofSeconds(10));
            KAFKA.produce(topic, utf8("text-again"), utf8("uri=\u0000"));
            KAFKA.produce(topic, utf8("late"), announcement("http://late:1", Instant.now()));
            // Each reader catches up in its own time: that a has read the late announcement says nothing of b.
            awaitPeers(a::peers, List.of(B, URI.create("http://late:1")), Duration.ofSeconds(10));
            awaitPeers(b::peers, List.of(A, URI.create("http://late:1")), Duration.ofSeconds(10));
        }
    }

    @Test
    void unusableSettingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> InstanceDirectory.builder(client(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application id");
        assertThatThrownBy(() -> InstanceDirectory.builder(client(), "x").announceInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> InstanceDirectory.builder(client(), "x").announceInterval(Duration.ofSeconds(10))
                .staleAfter(Duration.ofSeconds(5)).start("a", A))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT5S");
        assertThatThrownBy(() -> InstanceDirectory.builder(client(), "x").start("a", URI.create("file:///tmp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file:///tmp");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An announcement as an instance writes it, spelled out here rather than taken from the code under test. */
    private static byte[] announcement(String uri, Instant at) {
        return utf8("uri=" + uri + "\nannounced-at=" + at + "\n");
    }

    private static void awaitPeers(Supplier<List<URI>> peers, List<URI> expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!peers.get().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(peers.get()).as("peers within %s", timeout).isEqualTo(expected);
    }
}
