package io.modelserving.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The built jar as a new user meets it, one process per command line: {@code --help} everywhere, and every failure
 * a single {@code error:} line on stderr with exit code 2 (bad usage or value) or 1 (a failure while running), never
 * a stack trace. Every command line starts at once in {@link #startAll()}, a few at a time, and each test checks its
 * own; the slowest is the demo, the only one that starts a broker.
 */
class CommandLineIT {

    private static final Path JAR = Path.of("target", "modelserving-examples.jar").toAbsolutePath();
    /** Short-lived JVMs: start quickly, with little memory, several at a time. */
    private static final List<String> SMALL_JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Duration PROCESS_LIMIT = Duration.ofMinutes(3);
    private static final String WINE_ROW = "7.4;0.7;0;1.9;0.076;11;34;0.9978;3.51;0.56;9.4;5\n";
    private static final String BROKER_STARTS = "Starting an embedded Kafka broker";

    @TempDir
    static Path dir;

    private static ExecutorService pool;
    /** Serve and the demo find this port taken. */
    private static ServerSocket taken;
    /** Held while the demo starts, unless some other process holds 8080 already. */
    private static ServerSocket port8080;
    /** Counts the connections a command makes before it should: none, for refused values. */
    private static ConnectionWitness witness;
    /** Nothing listens here: an unreachable broker. */
    private static String nowhere;
    private static final Map<String, Future<Run>> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void startAll() throws IOException {
        assertThat(JAR).as("the jar the build makes").exists();
        pool = Executors.newFixedThreadPool(4);
        taken = new ServerSocket(0);
        witness = new ConnectionWitness();
        try (ServerSocket released = new ServerSocket(0)) {
            nowhere = "127.0.0.1:" + released.getLocalPort();
        }
        try {
            port8080 = new ServerSocket(DemoCommand.DEFAULT_HTTP_PORT);
        } catch (IOException e) {
            port8080 = null; // taken already, which is what the case needs
        }
        String watched = "127.0.0.1:" + witness.port();
        String model = Files.writeString(dir.resolve("model.onnx"), "not really a model").toString();
        String csv = Files.writeString(dir.resolve("wine.csv"), WINE_ROW).toString();
        String missing = dir.resolve("missing").toString();
        String busy = Integer.toString(taken.getLocalPort());

        // The slowest first: a whole demo, on an embedded broker, with 8080 taken.
        start("demo on a free port", List.of("-Xmx1g"), "demo", "--records", "50", "--rate", "0");
        // Pekko from the one jar: its reference.conf and version.conf merged beside Akka's
        start("pekko demo", List.of("-Xmx1g"), "demo", "--engine", "pekko-streams", "--records", "50", "--rate", "0",
                "--http-port", "0");

        for (String subcommand : new CommandLine(new Main()).getSubcommands().keySet()) {
            start("help " + subcommand, SMALL_JVM, subcommand, "--help");
        }
        start("help", SMALL_JVM, "--help");

        start("unreachable publish-model", SMALL_JVM, "publish-model", "--bootstrap-servers", nowhere,
                "--file", model, "--type", "onnx", "--name", "m");
        start("unreachable publish-data", SMALL_JVM, "publish-data", "--bootstrap-servers", nowhere, "--file", csv);
        start("unreachable read-scored", SMALL_JVM, "read-scored", "--bootstrap-servers", nowhere);
        start("unreachable read-dlq", SMALL_JVM, "read-dlq", "--bootstrap-servers", nowhere);
        start("unreachable serve", SMALL_JVM, "serve", "--engine", "kafka-streams", "--bootstrap-servers", nowhere,
                "--http-port", "0");
        start("unreachable demo", SMALL_JVM, "demo", "--bootstrap-servers", nowhere, "--http-port", "0");

        start("missing model file", SMALL_JVM, "publish-model", "--bootstrap-servers", watched, "--file", missing,
                "--type", "onnx", "--name", "m");
        start("missing data file", SMALL_JVM, "publish-data", "--bootstrap-servers", watched, "--file", missing);
        start("missing client config", SMALL_JVM, "read-scored", "--bootstrap-servers", watched,
                "--client-config", missing);

        start("taken port serve", SMALL_JVM, "serve", "--engine", "kafka-streams", "--bootstrap-servers", watched,
                "--http-port", busy);
        start("taken port demo", SMALL_JVM, "demo", "--http-port", busy);

        start("bad demo --records", SMALL_JVM, "demo", "--records", "-5");
        start("bad demo --rate", SMALL_JVM, "demo", "--rate", "-1");
        start("bad demo --timeout", SMALL_JVM, "demo", "--timeout", "0");
        start("bad demo --http-port", SMALL_JVM, "demo", "--http-port", "70000");
        start("bad demo --engine", SMALL_JVM, "demo", "--engine", "flink");
        start("bad demo --records type", SMALL_JVM, "demo", "--records", "many");
        start("bad demo option", SMALL_JVM, "demo", "--no-such-option");
        start("bad serve --guarantee", SMALL_JVM, "serve", "--engine", "kafka-streams", "--bootstrap-servers",
                watched, "--guarantee", "twice");
        start("bad serve --no-model", SMALL_JVM, "serve", "--engine", "akka-streams", "--bootstrap-servers", watched,
                "--no-model", "drop");
        start("bad serve --replication-factor", SMALL_JVM, "serve", "--engine", "akka-streams",
                "--bootstrap-servers", watched, "--replication-factor", "0");
        start("bad serve --http-port", SMALL_JVM, "serve", "--engine", "akka-streams", "--bootstrap-servers",
                watched, "--http-port", "-1");
        start("bad publish-data --count", SMALL_JVM, "publish-data", "--bootstrap-servers", watched, "--file", csv,
                "--count", "0");
        start("bad read-scored --count", SMALL_JVM, "read-scored", "--bootstrap-servers", watched, "--count", "-1");
        start("bad read-dlq --timeout", SMALL_JVM, "read-dlq", "--bootstrap-servers", watched, "--timeout", "0");
        start("bad broker --port", SMALL_JVM, "broker", "--port", "-1");
        start("missing options", SMALL_JVM, "publish-model", "--bootstrap-servers", watched);
    }

    @AfterAll
    static void stopAll() throws IOException {
        pool.shutdownNow();
        taken.close();
        witness.close();
        if (port8080 != null) {
            port8080.close();
        }
    }

    @Test
    void helpWorksOnEverySubcommand() throws Exception {
        for (String name : names("help")) {
            Run run = result(name);
            assertThat(run.exit).as(run.describe()).isZero();
            String subcommand = name.substring("help".length()).trim();
            assertThat(run.out).as(run.describe()).contains("Usage: modelserving-examples " + subcommand)
                    .contains("Exit codes:");
            assertThat(run.err).as(run.describe()).isBlank();
        }
    }

    @Test
    void anUnreachableBrokerFailsWithinSecondsNamingTheServers() throws Exception {
        List<String> names = names("unreachable");
        assertThat(names).hasSize(6);
        for (String name : names) {
            Run run = result(name);
            assertOneErrorLine(run, 1, "cannot reach Kafka at " + nowhere + ": no broker answered within 10 s");
            // 10 s of Kafka timeout and a JVM start on a busy machine; Kafka's own default would be a minute.
            assertThat(run.took).as(run.describe()).isLessThan(Duration.ofSeconds(40));
            assertThat(run.out).as(run.describe()).doesNotContain(BROKER_STARTS);
        }
    }

    @Test
    void missingFilesAreBadValuesNamingTheOption() throws Exception {
        assertOneErrorLine(result("missing model file"), 2, "--file: no such file or directory: ");
        assertOneErrorLine(result("missing data file"), 2, "--file: no such file or directory: ");
        assertOneErrorLine(result("missing client config"), 2, "--client-config: no such file or directory: ");
        assertNothingConnectedYet();
    }

    @Test
    void aTakenPortIsAFailureBeforeAnythingStarts() throws Exception {
        int port = taken.getLocalPort();
        assertOneErrorLine(result("taken port serve"), 1, "cannot listen on 0.0.0.0:" + port + " (--http-port)");
        Run demo = result("taken port demo");
        assertOneErrorLine(demo, 1, "cannot listen on localhost:" + port + " (--http-port)");
        assertThat(demo.out).as(demo.describe()).doesNotContain(BROKER_STARTS);
        assertNothingConnectedYet();
    }

    @Test
    void badValuesAreRefusedBeforeAnythingStarts() throws Exception {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("bad demo --records", "--records must be at least 4");
        reasons.put("bad demo --rate", "--rate must be 0");
        reasons.put("bad demo --timeout", "--timeout must be positive");
        reasons.put("bad demo --http-port", "--http-port must be a port from 0 to 65535, was 70000");
        reasons.put("bad demo --engine", "Unknown engine 'flink'");
        reasons.put("bad demo --records type", "'many' is not a long");
        reasons.put("bad demo option", "Unknown option: '--no-such-option'");
        reasons.put("bad serve --guarantee", "Unknown delivery guarantee 'twice'");
        reasons.put("bad serve --no-model", "Unknown no-model policy 'drop'");
        reasons.put("bad serve --replication-factor", "--replication-factor must be positive");
        reasons.put("bad serve --http-port", "--http-port must be a port from 0 to 65535, was -1");
        reasons.put("bad publish-data --count", "--count must be positive");
        reasons.put("bad read-scored --count", "--count must be positive");
        reasons.put("bad read-dlq --timeout", "--timeout must be positive");
        reasons.put("bad broker --port", "--port must be a port from 0 to 65535");
        reasons.put("missing options", "Missing required option: '--name=<name>'");
        List<String> started = new ArrayList<>(names("bad"));
        started.add("missing options");
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(started);
        for (Map.Entry<String, String> reason : reasons.entrySet()) {
            Run run = result(reason.getKey());
            assertOneErrorLine(run, 2, reason.getValue());
            assertThat(run.out).as(run.describe()).doesNotContain(BROKER_STARTS);
        }
        assertNothingConnectedYet();
    }

    @Test
    void theDemoTakesAFreePortWhen8080IsTaken() throws Exception {
        Run run = result("demo on a free port");
        assertThat(run.exit).as(run.describe()).isZero();
        assertThat(run.out).as(run.describe()).contains("Port 8080 is taken: the HTTP endpoint takes a free port instead.")
                .contains("OK: every record accounted for");
        Matcher http = Pattern.compile("HTTP on http://localhost:(\\d+)").matcher(run.out);
        assertThat(http.find()).as(run.describe()).isTrue();
        assertThat(Integer.parseInt(http.group(1))).isNotEqualTo(DemoCommand.DEFAULT_HTTP_PORT).isPositive();
        // Not a terminal: plain progress lines, no carriage returns.
        assertThat(run.out).doesNotContain("\r").containsPattern("(?m)^\\[ *\\d+\\.\\ds] sent 53/53 ");
        // The embedded broker's and the Kafka clients' warnings stay off the console.
        assertThat(run.err).as(run.describe()).doesNotContainPattern("WARN (org\\.apache\\.kafka|kafka)\\.");
        assertNoStackTrace(run);
    }

    @Test
    void thePekkoDemoFromTheJarAccountsForEveryRecord() throws Exception {
        Run run = result("pekko demo");
        assertThat(run.exit).as(run.describe()).isZero();
        assertThat(run.out).as(run.describe()).contains("OK: every record accounted for");
        assertNoStackTrace(run);
    }

    private static void assertOneErrorLine(Run run, int exit, String reason) {
        assertThat(run.exit).as(run.describe()).isEqualTo(exit);
        assertThat(run.errLines()).as(run.describe()).singleElement().asString()
                .startsWith("error: ").contains(reason);
        assertNoStackTrace(run);
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.out + run.err).as(run.describe()).doesNotContain("Exception")
                .doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(");
    }

    /** Commands refused for their values, a missing file or a taken port never reached the cluster. */
    private static void assertNothingConnectedYet() throws Exception {
        for (String prefix : List.of("bad", "missing", "taken")) {
            for (String name : names(prefix)) {
                result(name);
            }
        }
        assertThat(witness.connections()).as("connections to the bootstrap servers").isZero();
    }

    private static void start(String name, List<String> jvmOptions, String... args) {
        RUNS.put(name, pool.submit(() -> Run.of(jvmOptions, List.of(args))));
    }

    private static List<String> names(String prefix) {
        return RUNS.keySet().stream().filter(name -> name.startsWith(prefix)).toList();
    }

    private static Run result(String name) throws Exception {
        return RUNS.get(name).get(PROCESS_LIMIT.toMinutes() * 2, TimeUnit.MINUTES);
    }

    /** One finished command line: exit code, output, how long it took. */
    private record Run(List<String> args, int exit, String out, String err, Duration took) {

        static Run of(List<String> jvmOptions, List<String> args) throws Exception {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", JAR.toString()));
            command.addAll(args);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            boolean finished = process.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            return new Run(args, finished ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
        }

        List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }

        String describe() {
            return String.join(" ", args) + " (exit " + exit + " after " + took.toMillis() + " ms)\n--- stdout\n"
                    + out + "\n--- stderr\n" + err;
        }
    }

    /** A listening socket that counts the connections made to it and closes each at once. */
    private static final class ConnectionWitness implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final AtomicInteger connections = new AtomicInteger();

        ConnectionWitness() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket accepted = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "connection-witness");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
