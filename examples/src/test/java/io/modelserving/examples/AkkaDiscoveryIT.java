package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.ServingStats;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.DataPublisher;
import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.examples.training.OnnxWineModel;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineGenerator;
import io.modelserving.kafka.InstanceDirectory;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.EmbeddedKafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Akka Streams instances on free HTTP ports, given no {@code --peer}: they find each other through Kafka, and
 * each one's {@code GET /state/wine} lists both, with what each scored.
 */
class AkkaDiscoveryIT {

    private static final int RECORDS = 200;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void eachInstanceListsBothWithoutBeingToldOfTheOther() throws Exception {
        ServingTopics topics = ServingTopics.of("discovery-data", "discovery-models", "discovery-scored",
                "discovery-dlq");
        KafkaConnection cluster = KafkaConnection.of(KAFKA.bootstrapServers());
        TopicSetup.ensure(cluster, topics, Optional.empty());
        try (ServingApp one = ServingApp.start(ServingApp.Engine.AKKA_STREAMS, options(cluster, topics, "state-1"));
             ServingApp two = ServingApp.start(ServingApp.Engine.AKKA_STREAMS, options(cluster, topics, "state-2"));
             KafkaProducer<String, byte[]> producer = Clients.producer(cluster)) {
            OnnxWineModel model = OnnxWineModel.train(new WineGenerator(5).rows(1_000), 5);
            ModelPublisher.publish(producer, topics.models(), ModelPublisher.describe(model.onnxBytes(), "onnx",
                    "discovery-model", Wine.DATA_TYPE, "trained in the test", "1"));
            await("both instances serve the model", () -> hasModel(one) && hasModel(two));
            new DataPublisher(producer, topics.data(), Wine.DATA_TYPE, 0)
                    .publish(new WineGenerator(9).rows(RECORDS), 0, RECORDS, n -> { });
            await("every record scored", () -> invocations(one) + invocations(two) >= RECORDS);

            Map<String, Long> expected = Map.of("localhost:" + one.httpPort(), invocations(one),
                    "localhost:" + two.httpPort(), invocations(two));
            for (ServingApp app : List.of(one, two)) {
                URI state = URI.create("http://localhost:" + app.httpPort() + "/state/" + Wine.DATA_TYPE);
                await(state + " lists both instances", () -> instances(state).keySet().equals(expected.keySet()));
                assertThat(instances(state)).as("instances and their invocations at %s", state).isEqualTo(expected);
            }
            assertThat(KAFKA.consumeAll(InstanceDirectory.topicFor("discovery-it"), WAIT))
                    .as("announcements on the directory topic").isNotEmpty();
        }
    }

    /** An instance of the application on a free HTTP port, with discovery as by default and no peer given. */
    private ServingOptions options(KafkaConnection cluster, ServingTopics topics, String stateDir) {
        return ServingOptions.builder(cluster, temp.resolve(stateDir)).topics(topics).applicationId("discovery-it")
                .httpPort(0).build();
    }

    /** The instances {@code GET /state/wine} lists at {@code state}, with each one's invocations. */
    private Map<String, Long> instances(URI state) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(state).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Map.of();
            }
            Map<String, Object> json = Json.read(response.body());
            assertThat((List<?>) json.get("unreachable")).as("unreachable peers in %s", response.body()).isEmpty();
            Map<String, Long> instances = new HashMap<>();
            for (Object entry : (List<?>) json.get("instances")) {
                Map<?, ?> instance = (Map<?, ?>) entry;
                instances.put((String) instance.get("instance"), ((Number) instance.get("invocations")).longValue());
            }
            return instances;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }

    private static boolean hasModel(ServingApp app) {
        ServingStats stats = app.stats().get(Wine.DATA_TYPE);
        return stats != null && stats.model() != null;
    }

    private static long invocations(ServingApp app) {
        ServingStats stats = app.stats().get(Wine.DATA_TYPE);
        return stats == null ? 0 : stats.invocations();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
