package io.modelserving.akka.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.akka.javadsl.KafkaModelServing;
import io.modelserving.akka.javadsl.KafkaServingControl;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.akka.javadsl.ServingSettings;
import io.modelserving.codec.Codecs;
import io.modelserving.http.ServingActivity;
import io.modelserving.http.ServingHttpServer;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.ServingListener;
import io.modelserving.kafka.ServingSpec;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.micrometer.ServingMetrics;
import io.modelserving.testkit.EmbeddedKafkaExtension;
import io.modelserving.testkit.TestModels;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kafka wiring seen from outside: HTTP endpoints, metrics, a tombstone, and a drained stop. */
class KafkaModelServingIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("KafkaModelServingIT",
                ConfigFactory.parseString("akka.loglevel = WARNING").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(system);
    }

    @Test
    void aModelTopicWithTwoPartitionsFailsTheStreamAtStart() {
        ServingTopics topics = ServingTopics.prefixed("two-partitions-");
        KAFKA.createTopic(topics.data(), 1);
        KAFKA.createCompactedTopic(topics.models(), 2);
        ModelProcessor<Features, Prediction> processor =
                ModelProcessor.<Features, Prediction>builder().factories(TestModels.factories()).build();
        KafkaServingSettings settings = KafkaServingSettings.create(system)
                .withBootstrapServers(KAFKA.bootstrapServers()).withTopics(topics).withGroupId("two-partitions")
                .withStopTimeout(Duration.ZERO);
        KafkaServingControl control = KafkaModelServing.run(system, settings, ServingSpec.forFeatures(processor));
        assertThat(control.streamCompletion().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(60))
                .withThrowableThat()
                .withMessageContaining("'" + topics.models() + "' has 2 partitions; it must have exactly one");
        assertThat(control.readiness().ready()).isFalse();
        assertThat(control.liveness().ready()).isFalse();
        assertThat(control.liveness().detail()).startsWith("the serving stream failed: ")
                .contains("has 2 partitions; it must have exactly one");
        processor.close();
    }

    @Test
    void servesOverHttpCountsMetricsHonoursTombstonesAndDrains() throws Exception {
        ServingTopics topics = topicsWithModelM1("http-", 2);

        PrometheusMeterRegistry registry = ServingHttpServer.prometheusRegistry();
        ServingActivity activity = new ServingActivity();
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().factories(TestModels.factories()).build();
        KafkaServingSettings settings = KafkaServingSettings.create(system)
                .withBootstrapServers(KAFKA.bootstrapServers()).withTopics(topics).withGroupId("http-app")
                .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).withStopTimeout(Duration.ZERO)
                // Metrics and activity combined: the client metrics must still find the metrics' registry.
                .withServingSettings(ServingSettings.create(system)
                        .withListener(ServingListener.all(new ServingMetrics(registry), activity)));
        KafkaServingControl control = KafkaModelServing.run(system, settings, ServingSpec.forFeatures(processor));
        try (ServingHttpServer http = ServingHttpServer.builder(control.view("test-instance", List.of()), registry)
                .address(new InetSocketAddress("localhost", 0)).activity(activity).start()) {
            await("ready", () -> control.readiness().ready());
            assertThat(get(http, "/health").statusCode()).isEqualTo(200);
            assertThat(get(http, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(http, "/models").body()).contains("\"wine\"").contains("\"name\":\"m1\"")
                    .contains("test-instance");

            List<ProducerRecord<byte[], byte[]>> records = wines(topics.data(), 100);
            records.add(new ProducerRecord<>(topics.data(), "bad".getBytes(UTF_8), new byte[] {1, 2, 3}));
            KAFKA.produceAll(records);
            assertThat(KAFKA.consume(topics.scored(), 100, TIMEOUT)).hasSize(100);
            assertThat(KAFKA.consume(topics.deadLetters(), 1, TIMEOUT)).hasSize(1);

            String state = get(http, "/state/wine").body();
            assertThat(state).contains("\"invocations\":100").contains("\"updatesAccepted\":1");
            String metrics = get(http, "/metrics").body();
            assertThat(metrics).containsPattern(
                    "modelserving_records_total\\{data_type=\"wine\",outcome=\"scored\",role=\"primary\"} 100\\.0");
            assertThat(metrics).containsPattern(
                    "modelserving_dead_letters_total\\{data_type=\"unknown\",kind=\"data-undecodable\"} 1\\.0");
            // The data consumer's and the producer's own client metrics, as Kafka Streams shows its own.
            assertThat(metrics).contains("kafka_consumer_fetch_manager_records_consumed_total")
                    .contains("kafka_producer_record_send_total");
            assertThat(metrics).containsPattern("modelserving_scoring_seconds_bucket\\{data_type=\"wine\"");
            String recent = get(http, "/activity").body();
            assertThat(recent).contains("\"data-undecodable\":1").contains("\"model\":\"m1\"")
                    .contains("\"accepted\":true");
            long scored = 0;
            for (JsonNode bucket : new ObjectMapper().readTree(recent).path("series")) {
                scored += bucket.path("scored").asLong();
            }
            assertThat(scored).as("scored, in the activity").isEqualTo(100);

            // A tombstone on the model topic stops serving the data type.
            KAFKA.produce(topics.models(), "wine".getBytes(UTF_8), null);
            await("model removed", () -> control.currentModels().isEmpty());
            assertThat(get(http, "/models").body()).doesNotContain("\"m1\"");

            control.drainAndShutdown().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(control.readiness().ready()).isFalse();
            assertThat(get(http, "/health").statusCode()).isEqualTo(503);
            HttpResponse<String> live = get(http, "/health/live");
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.body()).contains("the serving stream has stopped");
        } finally {
            control.drainAndShutdown();
            processor.close();
        }
    }

    @Test
    void aRestartAbortsTheTransactionItsCrashedPredecessorLeftOpen() throws Exception {
        ServingTopics topics = topicsWithModelM1("fence-", 1);
        List<ProducerRecord<byte[], byte[]>> records = wines(topics.data(), 10);
        KAFKA.produceAll(records);
        KafkaServingSettings settings = KafkaServingSettings.create(system)
                .withBootstrapServers(KAFKA.bootstrapServers()).withTopics(topics).withGroupId("fence-app")
                .withDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).withInstanceId("instance-1")
                .withStopTimeout(Duration.ZERO);

        // The crashed predecessor: an output and the group's offsets in a transaction left open for ten minutes.
        Properties crashed = KAFKA.producerProperties();
        crashed.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        crashed.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000);
        ModelProcessor<Features, Prediction> processor =
                ModelProcessor.<Features, Prediction>builder().factories(TestModels.factories()).build();
        try (KafkaProducer<byte[], byte[]> predecessor = new KafkaProducer<>(crashed)) {
            predecessor.initTransactions();
            predecessor.beginTransaction();
            predecessor.send(new ProducerRecord<>(topics.scored(), "orphan".getBytes(UTF_8), new byte[0])).get();
            predecessor.sendOffsetsToTransaction(Map.of(new TopicPartition(topics.data(), 0),
                    new OffsetAndMetadata(5)), new ConsumerGroupMetadata("fence-app"));

            KafkaServingControl control =
                    KafkaModelServing.run(system, settings, ServingSpec.forFeatures(processor));
            try {
                // Far less than the ten minutes: the restart aborted the transaction, its offsets and its output.
                List<ConsumerRecord<byte[], byte[]>> scored = KAFKA.consume(topics.scored(), 10,
                        Duration.ofSeconds(60));
                assertThat(scored).extracting(record -> new String(record.key(), UTF_8))
                        .containsExactlyElementsOf(records.stream().map(r -> new String(r.key(), UTF_8)).toList());
            } finally {
                control.drainAndShutdown().toCompletableFuture().get(60, TimeUnit.SECONDS);
                processor.close();
            }
        }
    }

    /** The four topics, data and scored with {@code partitions}, and the constant model m1 for wine published. */
    private static ServingTopics topicsWithModelM1(String prefix, int partitions) {
        ServingTopics topics = ServingTopics.prefixed(prefix);
        KAFKA.createTopic(topics.data(), partitions);
        KAFKA.createCompactedTopic(topics.models(), 1);
        KAFKA.createTopic(topics.scored(), partitions);
        KAFKA.createTopic(topics.deadLetters(), 1);
        KAFKA.produce(topics.models(), "wine".getBytes(UTF_8),
                Codecs.modelDescriptors().encode(TestModels.constant("m1", "wine", 1.0)));
        return topics;
    }

    /** {@code count} wine records keyed {@code k<i>}, in a list that may grow. */
    private static List<ProducerRecord<byte[], byte[]>> wines(String topic, int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new ProducerRecord<>(topic, ("k" + i).getBytes(UTF_8),
                    Codecs.features().encode(TestModels.features("wine", i))));
        }
        return records;
    }

    private static HttpResponse<String> get(ServingHttpServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
