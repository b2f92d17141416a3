package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.ServingStats;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.examples.training.OnnxWineModel;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterHeaders;
import io.modelserving.kafka.DeadLetterKind;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay-dlq} against a real broker and a real Kafka Streams instance that dead-letters records of a data
 * type without a model: once the model is published, the {@code no-model} dead letters are replayed and every one
 * of them is scored as the trained model itself predicts, while a dead letter of another kind stays where it is.
 */
class ReplayDlqIT {

    private static final int RECORDS = 30;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TRACE = "traceparent";
    private static final RecordCodec<ScoredRecord<Features, Prediction>> SCORED =
            Codecs.scoredRecords(new WineRecordCodec(), Codecs.predictions());

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path temp;

    @Test
    void replaysNoModelDeadLettersOnceTheModelIsPublishedAndLeavesOtherKinds() throws Exception {
        ServingTopics topics = ServingTopics.of("replay-data", "replay-models", "replay-scored", "replay-dlq");
        KafkaConnection cluster = KafkaConnection.of(KAFKA.bootstrapServers());
        TopicSetup.ensure(cluster, topics, Optional.empty());
        List<WineCsv.Row> rows = new WineGenerator(3).rows(RECORDS);
        OnnxWineModel model = OnnxWineModel.train(new WineGenerator(5).rows(1_000), 5);
        ServingOptions options = ServingOptions.builder(cluster, temp.resolve("state"))
                .topics(topics).applicationId("replay-it").httpPort(0)
                .noModelPolicy(NoModelPolicy.DEAD_LETTER).build();

        try (ServingApp serving = ServingApp.start(ServingApp.Engine.KAFKA_STREAMS, options);
             KafkaProducer<String, byte[]> producer = Clients.producer(cluster)) {
            await("the instance is ready", serving::ready);
            for (int key = 0; key < RECORDS; key++) {
                Features features = Features.of(Wine.DATA_TYPE, Wine.FEATURES, rows.get(key).features());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.data(), Integer.toString(key),
                        WineRecordCodec.toWire(features, System.currentTimeMillis()).toByteArray());
                record.headers().add(TRACE, ("00-" + key).getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
            producer.send(new ProducerRecord<>(topics.data(), "garbage",
                    "not a wine record".getBytes(StandardCharsets.UTF_8))).get();

            List<ConsumerRecord<byte[], byte[]>> deadLetters = KAFKA.consume(topics.deadLetters(), RECORDS + 1, WAIT);
            assertThat(deadLetters).hasSize(RECORDS + 1);
            assertThat(deadLetters).filteredOn(r -> kind(r) == DeadLetterKind.NO_MODEL).hasSize(RECORDS);
            assertThat(deadLetters).filteredOn(r -> kind(r) == DeadLetterKind.DATA_UNDECODABLE).hasSize(1);

            ModelPublisher.publish(producer, topics.models(), ModelPublisher.describe(model.onnxBytes(), "onnx",
                    "replay-model", Wine.DATA_TYPE, "trained in the test", "1"));
            awaitStats(serving, "the model serves", s -> s.model() != null);

            String[] topicOptions = {"--bootstrap-servers", KAFKA.bootstrapServers(), "--data-topic", topics.data(),
                    "--model-topic", topics.models(), "--scored-topic", topics.scored(),
                    "--dlq-topic", topics.deadLetters()};
            InProcessCli dryRun = InProcessCli.run(topicOptions, "replay-dlq", "--kind", "no-model",
                    "--dry-run");
            assertThat(dryRun.exit()).as(dryRun.err()).isZero();
            assertThat(dryRun.out().lines().filter(l -> l.startsWith("{"))).hasSize(RECORDS);
            assertThat(dryRun.out()).contains("Would replay " + RECORDS + " dead letters (replay-data: " + RECORDS
                    + "); skipped 1 (1 not selected, 0 without their original record)");
            assertThat(KAFKA.consumeAll(topics.data(), WAIT)).as("a dry run publishes nothing").hasSize(RECORDS + 1);

            InProcessCli replay = InProcessCli.run(topicOptions, "replay-dlq", "--kind", "no-model");
            assertThat(replay.exit()).as(replay.err()).isZero();
            assertThat(replay.out()).contains("Replayed " + RECORDS + " dead letters (replay-data: " + RECORDS
                    + "); skipped 1 (1 not selected, 0 without their original record)");

            // Every replayed record is scored as the trained model itself predicts it.
            Map<String, Double> scores = scoresByKey(topics.scored(), RECORDS);
            assertThat(scores).hasSize(RECORDS);
            for (int key = 0; key < RECORDS; key++) {
                assertThat(scores.get(Integer.toString(key))).as("score of %d", key)
                        .isCloseTo(model.predict(rows.get(key).features()), within(1e-3));
            }

            // On the data topic: each replayed record once more, with its key, bytes and own headers; the garbage
            // record, of another kind, only once; and no new dead letter.
            Map<String, List<ConsumerRecord<byte[], byte[]>>> data = byKey(KAFKA.consumeAll(topics.data(), WAIT));
            assertThat(data.get("garbage")).hasSize(1);
            for (int key = 0; key < RECORDS; key++) {
                List<ConsumerRecord<byte[], byte[]>> copies = data.get(Integer.toString(key));
                assertThat(copies).as("records of key %d", key).hasSize(2);
                assertThat(copies.get(1).value()).isEqualTo(copies.get(0).value());
                assertThat(headers(copies.get(1))).containsExactly(TRACE + "=00-" + key);
            }
            assertThat(KAFKA.consumeAll(topics.deadLetters(), WAIT)).hasSize(RECORDS + 1);

            // A rejected model goes back to the model topic when its kind is chosen, picked here by its offset.
            byte[] corrupt = "not an onnx model".getBytes(StandardCharsets.UTF_8);
            ModelPublisher.publish(producer, topics.models(), ModelPublisher.describe(corrupt, "onnx", "corrupt",
                    Wine.DATA_TYPE, "bytes that are no model", "2"));
            List<ConsumerRecord<byte[], byte[]>> withRejected = KAFKA.consume(topics.deadLetters(), RECORDS + 2, WAIT);
            ConsumerRecord<byte[], byte[]> rejected = withRejected.get(RECORDS + 1);
            assertThat(kind(rejected)).isEqualTo(DeadLetterKind.MODEL_REJECTED);
            String offset = Long.toString(rejected.offset());
            InProcessCli models = InProcessCli.run(topicOptions, "replay-dlq", "--kind", "model-rejected", "--kind",
                    "no-model", "--from-offset", offset, "--to-offset", offset);
            assertThat(models.exit()).as(models.err()).isZero();
            assertThat(models.out()).contains("Replayed 1 dead letter (replay-models: 1)");
            assertThat(KAFKA.consumeAll(topics.models(), WAIT)).filteredOn(r -> Arrays.equals(r.value(), rejected.value()))
                    .as("the rejected model message, published and replayed").hasSize(2);
        }
    }

    @Test
    void failsWithOneLineWhenTheBrokerRefusesTheReplay() {
        KAFKA.createTopic("tiny", 1, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1024"));
        KAFKA.createTopic("refusing-dlq", 1);
        DeadLetter letter = DeadLetter.of(DeadLetterKind.NO_MODEL, "no model", "tiny", 0, 0);
        KAFKA.produce(new ProducerRecord<>("refusing-dlq", null, "big".getBytes(StandardCharsets.UTF_8),
                new byte[4_000], letter.toHeaders()));

        InProcessCli replay = InProcessCli.run("replay-dlq", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--dlq-topic", "refusing-dlq");

        assertThat(replay.exit()).isEqualTo(1);
        // Client logs may share the error stream: the command's own output is one line, without a stack trace.
        assertThat(replay.err().lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                .startsWith("error: the broker acknowledged 0 of 1 dead letters replayed")
                .contains("offset 0 of refusing-dlq-0");
        assertThat(replay.err()).doesNotContain("\tat ");
        assertThat(KAFKA.consumeAll("tiny", WAIT)).isEmpty();
    }

    private static DeadLetterKind kind(ConsumerRecord<byte[], byte[]> record) {
        return DeadLetter.fromHeaders(record.headers()).map(DeadLetter::kind).orElse(null);
    }

    private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).noneMatch(h -> h.startsWith(DeadLetterHeaders.PREFIX));
        return headers;
    }

    private static Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey(List<ConsumerRecord<byte[], byte[]>> all) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : all) {
            byKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(record);
        }
        return byKey;
    }

    /** The score of each key on the scored topic, once {@code keys} distinct keys are there. */
    private static Map<String, Double> scoresByKey(String topic, int keys) throws InterruptedException {
        Map<String, Double> scores = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (scores.size() < keys && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : KAFKA.consumeAll(topic, WAIT)) {
                Decoded<ScoredRecord<Features, Prediction>> decoded = SCORED.decode(record.value());
                assertThat(decoded.isValue()).as("scored record decodes: %s", decoded).isTrue();
                ScoringResult<Prediction> result = decoded.get().result();
                assertThat(result).isInstanceOf(ScoringResult.Scored.class);
                scores.put(new String(record.key(), StandardCharsets.UTF_8),
                        ((ScoringResult.Scored<Prediction>) result).value().value());
            }
            Thread.sleep(200);
        }
        return scores;
    }

    private static void awaitStats(ServingApp serving, String what, Predicate<ServingStats> condition) {
        await(what, () -> {
            ServingStats stats = serving.stats().get(Wine.DATA_TYPE);
            return stats != null && condition.test(stats);
        });
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
