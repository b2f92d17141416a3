package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.DataPublisher;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.tensorflow.GraphSettings;
import io.modelserving.tensorflow.TensorFlowGraphModel;
import io.modelserving.tensorflow.TensorFlowModelFactory;
import io.modelserving.testkit.EmbeddedKafkaBroker;
import io.modelserving.testkit.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original tutorial's frozen TensorFlow graph served end to end: published to the model topic as type
 * {@code tensorflow}, the 1,599 red wines published to the data topic, and every scored record's class checked
 * against the same graph scoring the same row here, in this JVM; nothing may reach the dead-letter topic. Once
 * with Kafka Streams serving in this JVM, once as the runnable jar's {@code serve} process.
 */
class TensorFlowServeIT {

    private static final int ROWS = 1599;
    private static final String MODEL = "wine-tutorial-tf";
    private static final Path JAR = Path.of("target", "modelserving-examples.jar");
    private static final RecordCodec<ScoredRecord<Features, Prediction>> SCORED =
            Codecs.scoredRecords(new WineRecordCodec(), Codecs.predictions());

    @TempDir
    Path temp;

    private Path graph;
    private List<WineCsv.Row> rows;
    private Map<String, String> expected;

    /** Each row's class as the graph gives it when this JVM scores the row itself: key (row number) to class. */
    @BeforeEach
    void scoreEveryRowHere() {
        SharedData seed = SharedData.dataSet("seed-tutorial");
        graph = seed.file("optimized_WineQuality.pb");
        rows = WineCsv.read(seed.file("winequality_red.csv"));
        assertThat(rows).hasSize(ROWS);
        List<Features> features = rows.stream().map(row -> Features.of(Wine.DATA_TYPE, Wine.FEATURES, row.features()))
                .toList();
        expected = new HashMap<>();
        Map<String, Integer> histogram = new TreeMap<>();
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(seed.bytes("optimized_WineQuality.pb"),
                GraphSettings.defaults())) {
            List<Prediction> predictions = model.scoreBatch(features);
            for (int row = 0; row < ROWS; row++) {
                expected.put(Integer.toString(row), predictions.get(row).label());
                histogram.merge(predictions.get(row).label(), 1, Integer::sum);
            }
        }
        // the tutorial's notes on this graph: argmax over the 1,599 rows gives 5 792 times, 6 789, 7 18
        assertThat(histogram).isEqualTo(Map.of("5", 792, "6", 789, "7", 18));
    }

    @Test
    void kafkaStreamsServingInThisJvm() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            ServingTopics topics = ServingTopics.defaults();
            TopicSetup.ensure(broker.bootstrapServers(), topics);
            ServingOptions options = ServingOptions.defaults(broker.bootstrapServers(), temp.resolve("state"))
                    .toBuilder().httpPort(0).build();
            try (ServingApp serving = ServingApp.start(ServingApp.Engine.KAFKA_STREAMS, options)) {
                publishModelAndRows(broker, topics);
                checkScored(broker, topics);
                assertThat(serving.stats().get(Wine.DATA_TYPE).updatesRejected()).isZero();
            }
        }
    }

    @Test
    void theRunnableJarsServeProcess() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            ServingTopics topics = ServingTopics.defaults();
            TopicSetup.ensure(broker.bootstrapServers(), topics);
            Process serve = startServe(broker.bootstrapServers());
            try {
                publishModelAndRows(broker, topics);
                checkScored(broker, topics);
            } finally {
                serve.destroy();
                if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                    serve.destroyForcibly();
                }
            }
        }
    }

    private void publishModelAndRows(EmbeddedKafkaBroker broker, ServingTopics topics) throws IOException {
        try (KafkaProducer<String, byte[]> producer = Clients.producer(broker.bootstrapServers())) {
            ModelPublisher.publish(producer, topics.models(), ModelPublisher.describe(graph,
                    TensorFlowModelFactory.MODEL_TYPE, MODEL, Wine.DATA_TYPE, "the tutorial's frozen graph", "1"));
            long sent = new DataPublisher(producer, topics.data(), Wine.DATA_TYPE, 0).publish(rows, 0, ROWS, n -> { });
            assertThat(sent).isEqualTo(ROWS);
        }
    }

    /** Every row scored by the graph with the class this JVM computed; duplicates (a redelivery) must agree. */
    private void checkScored(EmbeddedKafkaBroker broker, ServingTopics topics) throws InterruptedException {
        Map<String, List<String>> classes = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (classes.size() < ROWS && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            classes = scoredClasses(broker.consumeAll(topics.scored(), Duration.ofSeconds(30)));
        }
        assertThat(classes).as("rows scored").hasSize(ROWS);
        assertThat(classes.keySet()).isEqualTo(expected.keySet());
        classes.forEach((key, scored) -> assertThat(scored).as("class of row %s", key)
                .containsOnly(expected.get(key)));
        assertThat(broker.consumeAll(topics.deadLetters(), Duration.ofSeconds(30))).as("dead letters").isEmpty();
    }

    private static Map<String, List<String>> scoredClasses(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> classes = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            Decoded<ScoredRecord<Features, Prediction>> decoded = SCORED.decode(record.value());
            assertThat(decoded.isValue()).as("scored record %s decodes: %s", key, decoded).isTrue();
            ScoringResult<Prediction> result = decoded.get().result();
            assertThat(result).as("result of row %s", key).isInstanceOf(ScoringResult.Scored.class);
            ScoringResult.Scored<Prediction> scored = (ScoringResult.Scored<Prediction>) result;
            assertThat(scored.model().name()).isEqualTo(MODEL);
            assertThat(scored.model().modelType()).isEqualTo(TensorFlowModelFactory.MODEL_TYPE);
            classes.computeIfAbsent(key, k -> new ArrayList<>()).add(scored.value().label());
        }
        return classes;
    }

    /** {@code serve} from the jar, its natives unpacked where this JVM's go, once it says it is serving. */
    private Process startServe(String bootstrapServers) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        command.addAll(List.of("-jar", JAR.toString(), "serve", "--engine", "kafka-streams",
                "--bootstrap-servers", bootstrapServers, "--http-port", "0",
                "--state-dir", Files.createDirectories(temp.resolve("serve-state")).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
        Process process = builder.start();
        CountDownLatch serving = new CountDownLatch(1);
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("Serving")) {
                        serving.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        if (!serving.await(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            synchronized (output) {
                throw new AssertionError("serve did not start within 90 s; output:\n" + String.join("\n", output));
            }
        }
        return process;
    }
}
