package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.training.TrainedWineModels;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/quickstart.md's walkthrough as the page gives it: every command between its {@code quickstart:begin}
 * and {@code quickstart:end} markers, in order, in a fresh folder, with free ports in place of the page's 9092 and
 * 8080. Subcommands that run until stopped ({@code broker}, {@code serve}, {@code read-scored}) start in the
 * background; {@code curl} waits until the service answers with the model just published. Every printed score is
 * then checked against the trained models' own predictions.
 */
class QuickstartIT {

    private static final Path PAGE = Path.of("..", "docs", "quickstart.md");
    private static final String JAR_IN_PAGE = "examples/target/modelserving-examples.jar";
    private static final Set<String> LONG_RUNNING = Set.of("broker", "serve", "read-scored");
    private static final Map<String, String> READY_LINE = Map.of("broker", "Kafka broker ready", "serve", "Serving");
    private static final long SEED = 42; // the train command's default

    @TempDir
    Path folder;

    @Test
    void theWalkthroughRunsAsWrittenAndEveryScoreIsRight() throws Exception {
        String kafkaPort = Integer.toString(JarProcesses.freePort());
        String httpPort = Integer.toString(JarProcesses.freePort());
        List<List<String>> commands = commands(Files.readString(PAGE, StandardCharsets.UTF_8), kafkaPort, httpPort);
        assertThat(commands).as("commands in the page").hasSizeGreaterThanOrEqualTo(8);

        JarProcesses.Running reader = null;
        String lastPublishedModel = null;
        int published = 0;
        try (JarProcesses jar = new JarProcesses(folder)) {
            for (List<String> command : commands) {
                if (command.get(0).equals("curl")) {
                    awaitModel(command.get(command.size() - 1), lastPublishedModel);
                    continue;
                }
                String sub = command.get(0);
                if (LONG_RUNNING.contains(sub)) {
                    JarProcesses.Running started = jar.start(command);
                    if (READY_LINE.containsKey(sub)) {
                        started.awaitLine(READY_LINE.get(sub), 90);
                    } else {
                        reader = started;
                    }
                } else {
                    jar.run(120, command);
                    if (sub.equals("publish-model")) {
                        lastPublishedModel = command.get(command.indexOf("--name") + 1);
                    } else if (sub.equals("publish-data")) {
                        published += WineCsv.read(folder.resolve(command.get(command.indexOf("--file") + 1))).size();
                    }
                }
            }
            assertThat(reader).as("the page starts read-scored").isNotNull();
            List<String> scored = awaitScored(reader, published);

            TrainedWineModels models = TrainedWineModels.train(SEED);
            List<WineCsv.Row> rows = WineCsv.read(folder.resolve("quickstart/wine.csv"));
            Map<String, Long> byModel = scored.stream().map(Json::read)
                    .peek(json -> checkScore(json, rows, models))
                    .collect(Collectors.groupingBy(json -> (String) json.get("model"), Collectors.counting()));
            assertThat(byModel.keySet()).containsExactlyInAnyOrder("wine-linear:1", "wine-ols:2");
            // The second run of the data starts once /models shows wine-ols: all of it is scored by wine-ols.
            assertThat(byModel.get("wine-ols:2")).isGreaterThanOrEqualTo(rows.size());
        }
    }

    private static void checkScore(Map<String, Object> json, List<WineCsv.Row> rows, TrainedWineModels models) {
        Map<?, ?> features = (Map<?, ?>) json.get("input");
        double[] input = Wine.FEATURES.stream()
                .mapToDouble(name -> ((Number) features.get(name)).doubleValue()).toArray();
        assertThat(input).containsExactly(rows.get(Integer.parseInt((String) json.get("key"))).features());
        double expected = json.get("model").equals("wine-linear:1") ? models.onnx().predict(input)
                : models.pmml().predict(input);
        assertThat(((Number) json.get("score")).doubleValue()).as(json.toString()).isCloseTo(expected, within(1e-3));
    }

    /** The page's commands, each as arguments to the jar (or to curl), with the ports replaced. */
    static List<List<String>> commands(String page, String kafkaPort, String httpPort) {
        String section = page.substring(page.indexOf("<!-- quickstart:begin -->"), page.indexOf("<!-- quickstart:end -->"));
        List<List<String>> commands = new ArrayList<>();
        Matcher block = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            for (String line : block.group(1).replace("\\\n", " ").split("\n")) {
                String text = line.replace("9092", kafkaPort).replace("8080", httpPort).trim();
                if (text.isEmpty()) {
                    continue;
                }
                List<String> words = new ArrayList<>(Arrays.asList(text.split("\\s+")));
                if (words.get(0).equals("java")) {
                    assertThat(words.subList(0, 3)).as(text).containsExactly("java", "-jar", JAR_IN_PAGE);
                    words = words.subList(3, words.size());
                } else {
                    assertThat(words.get(0)).as("a command the test knows: " + text).isEqualTo("curl");
                }
                commands.add(words);
            }
        }
        return commands;
    }

    private static void awaitModel(String address, String model) throws Exception {
        URI uri = URI.create(address.startsWith("http") ? address : "http://" + address);
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"" + model + "\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(uri + " did not show " + model + " within 60 s: " + body);
    }

    private static List<String> awaitScored(JarProcesses.Running reader, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<String> scored = List.of();
        while (System.nanoTime() < deadline) {
            scored = reader.lines().stream().filter(line -> line.startsWith("{")).toList();
            if (scored.size() >= expected) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(scored).as("scored records read").hasSize(expected);
        return scored;
    }
}
