package io.modelserving.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.Features;
import io.modelserving.codec.Codecs;
import io.modelserving.contract.InstanceSettings;
import io.modelserving.contract.RecordFormat;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.EmbeddedKafkaExtension;
import io.modelserving.testkit.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP endpoints of two Kafka Streams instances of one application, answering for the whole application. */
class StreamsHttpIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Logger LOG = LoggerFactory.getLogger(StreamsHttpIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void stateIsAggregatedAcrossInstancesAndEveryEndpointAnswers() throws Exception {
        ServingTopics topics = ServingTopics.prefixed("http-");
        KAFKA.createTopic(topics.data(), 4);
        KAFKA.createCompactedTopic(topics.models(), 1);
        KAFKA.createTopic(topics.scored(), 4);
        KAFKA.createTopic(topics.deadLetters(), 1);
        KAFKA.produce(topics.models(), "wine".getBytes(StandardCharsets.UTF_8),
                Codecs.modelDescriptors().encode(TestModels.constant("m1", "wine", 1.0)));
        StreamsServingInstance closedA;
        try (StreamsServingInstance a = new StreamsServingInstance(settings(topics, "a"));
             StreamsServingInstance b = new StreamsServingInstance(settings(topics, "b"))) {
            closedA = a;
            await(() -> a.ready() && b.ready() && a.currentModels().containsKey("wine")
                    && b.currentModels().containsKey("wine"));
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                records.add(new ProducerRecord<>(topics.data(), ("k" + i).getBytes(StandardCharsets.UTF_8),
                        Codecs.features().encode(Features.positional("wine", i))));
            }
            KAFKA.produceAll(records);
            assertThat(KAFKA.consume(topics.scored(), 1_000, Duration.ofSeconds(120))).hasSize(1_000);
            // Both instances own partitions once the group has settled, so both appear in the metadata.
            await(() -> a.serving.runtime().view().peers().size() == 1 && b.serving.runtime().view().peers().size() == 1);

            String state = get(a, "/state/wine", 200);
            JsonNode root = JSON.readTree(state);
            long scoredByA = a.processor.stats("wine").invocations();
            long scoredByB = b.processor.stats("wine").invocations();
            assertThat(scoredByA + scoredByB).isEqualTo(1_000);
            assertThat(root.path("invocations").asLong()).isEqualTo(1_000);
            assertThat(root.path("instances")).hasSize(2);
            assertThat(root.path("unreachable")).isEmpty();
            assertThat(root.path("model").path("name").asText()).isEqualTo("m1");

            String models = get(b, "/models", 200);
            assertThat(JSON.readTree(models).path("models").path("wine").path("name").asText()).isEqualTo("m1");
            String health = get(a, "/health", 200);
            assertThat(JSON.readTree(health).path("status").asText()).isEqualTo("UP");
            assertThat(JSON.readTree(get(a, "/health/live", 200)).path("detail").asText())
                    .isEqualTo("Kafka Streams is RUNNING");
            JsonNode instances = JSON.readTree(get(a, "/instances", 200)).path("instances");
            assertThat(instances).hasSize(2);
            assertThat(instances.get(1).path("instance").asText()).isEqualTo("127.0.0.1:" + b.http.port());
            assertThat(instances.get(1).path("status").asText()).isEqualTo("UP");
            long scoredInActivity = 0;
            for (JsonNode bucket : JSON.readTree(get(a, "/activity", 200)).path("series")) {
                scoredInActivity += bucket.path("scored").asLong();
            }
            assertThat(scoredInActivity).as("records a scored, in its activity").isEqualTo(scoredByA);
            String metrics = get(a, "/metrics", 200);
            assertThat(metrics).contains("modelserving_records_total{data_type=\"wine\",outcome=\"scored\",role=\"primary\"} "
                    + (double) scoredByA).contains("kafka_stream_");
            LOG.info("Topology:\n{}", a.serving.topology().describe());
            LOG.info("GET /models ->\n{}", models);
            LOG.info("GET /state/wine ->\n{}", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            LOG.info("GET /health ->\n{}", health);
            LOG.info("GET /metrics (ours) ->\n{}", metrics.lines().filter(l -> l.startsWith("modelserving_"))
                    .reduce((x, y) -> x + "\n" + y).orElse(""));
        }
        // Closed: Kafka Streams is NOT_RUNNING, which no rebalance or restore ever is.
        assertThat(closedA.serving.runtime().liveness().ready()).isFalse();
        assertThat(closedA.serving.runtime().liveness().detail()).isEqualTo("Kafka Streams is NOT_RUNNING");
        assertThat(closedA.serving.runtime().view().liveness().ready()).isFalse();
    }

    @Test
    void aModelTopicWithTwoPartitionsIsRefusedAtStart() {
        ServingTopics topics = ServingTopics.prefixed("two-partitions-");
        KAFKA.createTopic(topics.data(), 1);
        KAFKA.createCompactedTopic(topics.models(), 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StreamsServingInstance(settings(topics, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + topics.models() + "' has 2 partitions; it must have exactly one");
    }

    private InstanceSettings settings(ServingTopics topics, String name) throws Exception {
        return new InstanceSettings(KAFKA.bootstrapServers(), topics, "http-app", name,
                DeliveryGuarantee.AT_LEAST_ONCE, RecordFormat.PROTOBUF, NoModelPolicy.WAIT, Duration.ofSeconds(30),
                Files.createTempDirectory("serving-http-" + name), Map.of());
    }

    private String get(StreamsServingInstance instance, String path, int status) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + instance.http.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        return response.body();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 120 s");
            }
            Thread.sleep(50);
        }
    }
}
