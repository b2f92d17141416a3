package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.training.OnnxWineModel;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The microservices as separate processes of the runnable jar, as an operator would run them: {@code broker},
 * {@code serve}, {@code publish-model}, {@code publish-data} and {@code read-scored}; every printed score is
 * checked against the trained model's own prediction, computed here.
 */
class MicroservicesIT {

    private static final int ROWS = 300;

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"kafka-streams", "akka-streams"})
    void scoresPublishedDataWithThePublishedModel(String engine) throws Exception {
        List<WineCsv.Row> rows = new WineGenerator(11).rows(ROWS);
        Path csv = WineCsv.write(temp.resolve("wine.csv"), rows);
        OnnxWineModel model = OnnxWineModel.train(new WineGenerator(5).rows(1_000), 5);
        Path onnx = Files.write(temp.resolve("wine.onnx"), model.onnxBytes());
        int port = JarProcesses.freePort();
        String servers = "127.0.0.1:" + port;

        try (JarProcesses jar = new JarProcesses(temp)) {
            jar.start("broker", "--port", Integer.toString(port), "--dir",
                    temp.resolve("kafka").toString()).awaitLine("Kafka broker ready", 60);
            jar.start("serve", "--engine", engine, "--bootstrap-servers", servers, "--http-port", "0",
                    "--state-dir", temp.resolve("state").toString()).awaitLine("Serving", 90);

            jar.run(60, "publish-model", "--bootstrap-servers", servers, "--file", onnx.toString(), "--type", "onnx",
                    "--name", "it-model", "--version", "7", "--description", "trained in the test");
            jar.run(60, "publish-data", "--bootstrap-servers", servers, "--file", csv.toString());
            List<String> lines = jar.run(120, "read-scored", "--bootstrap-servers", servers, "--from-beginning",
                    "--count", Integer.toString(ROWS), "--timeout", "90").stream()
                    .filter(l -> l.startsWith("{")).toList();

            assertThat(lines).hasSize(ROWS);
            Set<String> keys = new HashSet<>();
            for (String line : lines) {
                Map<String, Object> json = Json.read(line);
                int row = Integer.parseInt((String) json.get("key"));
                keys.add((String) json.get("key"));
                Map<?, ?> features = (Map<?, ?>) json.get("input");
                double[] input = Wine.FEATURES.stream()
                        .mapToDouble(name -> ((Number) features.get(name)).doubleValue()).toArray();
                assertThat(input).containsExactly(rows.get(row).features());
                assertThat(json.get("model")).isEqualTo("it-model:7");
                assertThat(json.get("modelType")).isEqualTo("onnx");
                assertThat(json.get("dataType")).isEqualTo("wine");
                assertThat(((Number) json.get("score")).doubleValue()).isCloseTo(model.predict(input), within(1e-3));
                assertThat(json).containsKeys("sourcePartition", "sourceOffset", "latencyMs");
            }
            assertThat(keys).hasSize(ROWS);

            // A corrupt model is refused with its reason on the dead-letter topic; the service keeps its model.
            Path corrupt = Files.write(temp.resolve("corrupt.onnx"),
                    "not an onnx model".getBytes(StandardCharsets.UTF_8));
            jar.run(60, "publish-model", "--bootstrap-servers", servers, "--file", corrupt.toString(), "--type",
                    "onnx", "--name", "corrupt");
            List<String> deadLetters = jar.run(120, "read-dlq", "--bootstrap-servers", servers, "--from-beginning",
                    "--count", "1", "--timeout", "90").stream().filter(l -> l.startsWith("{")).toList();
            assertThat(deadLetters).hasSize(1);
            Map<String, Object> letter = Json.read(deadLetters.get(0));
            assertThat(letter.get("sourceTopic")).isEqualTo("modelserving-models");
            assertThat(letter.get("kind")).isEqualTo("model-rejected");
            assertThat((String) letter.get("reason")).isNotBlank();
        }
    }
}
