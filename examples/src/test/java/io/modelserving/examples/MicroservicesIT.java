package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.training.OnnxWineModel;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The microservices as separate processes of the runnable jar, as an operator would run them: {@code broker},
 * {@code serve}, {@code publish-model}, {@code publish-data} and {@code read-scored}; every printed score is
 * checked against the trained model's own prediction, computed here.
 */
class MicroservicesIT {

    private static final Path JAR = Path.of("target", "modelserving-examples.jar");
    private static final int ROWS = 300;

    @TempDir
    Path temp;

    private final List<Process> running = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : running) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-streams", "akka-streams"})
    void scoresPublishedDataWithThePublishedModel(String engine) throws Exception {
        List<WineCsv.Row> rows = new WineGenerator(11).rows(ROWS);
        Path csv = writeCsv(rows);
        OnnxWineModel model = OnnxWineModel.train(new WineGenerator(5).rows(1_000), 5);
        Path onnx = Files.write(temp.resolve("wine.onnx"), model.onnxBytes());
        int port = freePort();
        String servers = "127.0.0.1:" + port;

        Process broker = start("broker", "--port", Integer.toString(port), "--dir", temp.resolve("kafka").toString());
        awaitLine(broker, "Kafka broker ready", 60);
        Process serve = start("serve", "--engine", engine, "--bootstrap-servers", servers, "--http-port", "0",
                "--state-dir", temp.resolve("state").toString());
        awaitLine(serve, "Serving", 90);

        run(60, "publish-model", "--bootstrap-servers", servers, "--file", onnx.toString(), "--type", "onnx",
                "--name", "it-model", "--version", "7", "--description", "trained in the test");
        run(60, "publish-data", "--bootstrap-servers", servers, "--file", csv.toString());
        List<String> lines = run(120, "read-scored", "--bootstrap-servers", servers, "--from-beginning",
                "--count", Integer.toString(ROWS), "--timeout", "90").stream()
                .filter(l -> l.startsWith("{")).toList();

        assertThat(lines).hasSize(ROWS);
        Set<String> keys = new HashSet<>();
        for (String line : lines) {
            Map<String, Object> json = Json.read(line);
            int row = Integer.parseInt((String) json.get("key"));
            keys.add((String) json.get("key"));
            double[] input = ((List<?>) json.get("input")).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            assertThat(input).containsExactly(rows.get(row).features());
            assertThat(json.get("model")).isEqualTo("it-model:7");
            assertThat(json.get("modelType")).isEqualTo("onnx");
            assertThat(json.get("dataType")).isEqualTo("wine");
            assertThat(((Number) json.get("score")).doubleValue()).isCloseTo(model.predict(input), within(1e-3));
            assertThat(json).containsKeys("sourcePartition", "sourceOffset", "latencyMs");
        }
        assertThat(keys).hasSize(ROWS);

        // A corrupt model is refused with its reason on the dead-letter topic; the service keeps its model.
        Path corrupt = Files.write(temp.resolve("corrupt.onnx"), "not an onnx model".getBytes(StandardCharsets.UTF_8));
        run(60, "publish-model", "--bootstrap-servers", servers, "--file", corrupt.toString(), "--type", "onnx",
                "--name", "corrupt");
        List<String> deadLetters = run(120, "read-dlq", "--bootstrap-servers", servers, "--from-beginning",
                "--count", "1", "--timeout", "90").stream().filter(l -> l.startsWith("{")).toList();
        assertThat(deadLetters).hasSize(1);
        Map<String, Object> letter = Json.read(deadLetters.get(0));
        assertThat(letter.get("sourceTopic")).isEqualTo("modelserving-models");
        assertThat(letter.get("kind")).isEqualTo("model-rejected");
        assertThat((String) letter.get("reason")).isNotBlank();
    }

    private Path writeCsv(List<WineCsv.Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("\"fixed acidity\";\"volatile acidity\";\"citric acid\";\"residual sugar\";\"chlorides\";"
                + "\"free sulfur dioxide\";\"total sulfur dioxide\";\"density\";\"pH\";\"sulphates\";\"alcohol\";\"quality\"");
        for (WineCsv.Row row : rows) {
            lines.add(Arrays.stream(row.features()).mapToObj(v -> String.format(Locale.ROOT, "%s", v))
                    .collect(Collectors.joining(";")) + ";" + (int) row.quality());
        }
        return Files.write(temp.resolve("wine.csv"), lines);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        running.add(process);
        return process;
    }

    /** Runs a subcommand to completion and returns its output lines; fails on a non-zero exit. */
    private List<String> run(int timeoutSeconds, String... args) throws Exception {
        Process process = start(args);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        }
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as(args[0] + " finished").isTrue();
        assertThat(process.exitValue()).as(args[0] + " exit code; output:\n" + String.join("\n", lines)).isZero();
        return lines;
    }

    /** Reads a process's output in the background until a line containing {@code marker} appears. */
    private static void awaitLine(Process process, String marker, int timeoutSeconds) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(marker)) {
                    return;
                }
            }
            assertThat(process.isAlive() || !lines.isEmpty()).as("process alive; output:\n" + String.join("\n", seen)).isTrue();
        }
        throw new AssertionError("No line with '" + marker + "' within " + timeoutSeconds + " s; output:\n"
                + String.join("\n", seen));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
