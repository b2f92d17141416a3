package io.modelserving.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Ensemble;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * In process, through {@link Main#run}: {@code --help} works everywhere; bad usage and bad option values end with
 * exit code 2 and a one-line reason before anything connects or starts; a failure while running ends with exit
 * code 1 and a one-line reason. {@code CommandLineIT} checks the same on the built jar, as processes.
 */
class CommandLineErrorsTest {

    /** No broker listens on port 1: a command that connected would fail differently and only after seconds. */
    private static final String NOWHERE = "127.0.0.1:1";

    private String out;
    private String err;

    private int run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            out = capturedOut.toString(StandardCharsets.UTF_8);
            err = capturedErr.toString(StandardCharsets.UTF_8);
        }
    }

    /** The last run printed exactly one line on stderr, an {@code error:} containing {@code fragment}. */
    private void assertOneErrorLine(String fragment) {
        assertThat(err.lines().filter(line -> !line.isBlank()).toList()).as("stderr").singleElement()
                .asString().startsWith("error: ").contains(fragment);
    }

    @Test
    void helpExitsZeroOnEverySubcommand() {
        Set<String> subcommands = new CommandLine(new Main()).getSubcommands().keySet();
        assertThat(subcommands).contains("demo", "serve", "publish-model", "publish-data", "read-scored", "read-dlq",
                "promote", "rollback", "retire");
        for (String subcommand : subcommands) {
            for (String help : List.of("--help", "-h")) {
                assertThat(run(subcommand, help)).as(subcommand + " " + help + "; stderr: " + err).isZero();
                assertThat(out).as(subcommand + " " + help).contains("Usage: modelserving-examples " + subcommand)
                        .contains("Exit codes:");
                assertThat(err).as(subcommand + " " + help).isEmpty();
            }
        }
        assertThat(run("--help")).isZero();
        assertThat(out).contains("Usage: modelserving-examples");
    }

    @Test
    void helpListsTheEnsembleOptionsWithTheLibrarysLimits() {
        assertThat(run("publish-model", "--help")).isZero();
        assertThat(out).contains("--member=NAME=PATH[:TYPE]", "--decider=DECIDER", "--deadline-ms=MS",
                "or ensemble", "first-valid", "majority", "highest-confidence");
        String help = out.replaceAll("\\s+", " ");
        assertThat(help).contains("(1 to " + Ensemble.MAX_MEMBERS + ")")
                .contains("1 to " + Ensemble.MAX_DEADLINE.toMillis() + " ms")
                .contains("Default: " + Ensemble.DEFAULT_DEADLINE.toMillis() + ".");
        assertThat(run("retire", "--help")).isZero();
        assertThat(out.replaceAll("\\s+", " ")).contains("shadow, canary, ensemble or primary")
                .contains("wine:ensemble");
    }

    @Test
    void kafkaStreamsRefusesAtMostOnce() {
        // No broker listens on port 1: the check must come before any connection.
        int exit = run("serve", "--engine", "kafka-streams", "--bootstrap-servers", "127.0.0.1:1",
                "--guarantee", "at-most-once");

        assertThat(exit).isEqualTo(2);
        assertThat(err).contains("error: kafka-streams offers at-least-once and exactly-once");
    }

    @Test
    void unknownEngineAndGuaranteeAreNamed() {
        assertThat(run("demo", "--engine", "flink")).isEqualTo(2);
        assertThat(err).contains("Unknown engine 'flink'");
        assertThat(run("demo", "--guarantee", "twice")).isEqualTo(2);
        assertThat(err).contains("Unknown delivery guarantee 'twice'");
    }

    @Test
    void unknownNoModelPolicyIsNamed() {
        assertThat(run("serve", "--engine", "akka-streams", "--bootstrap-servers", "127.0.0.1:1", "--no-model", "drop"))
                .isEqualTo(2);
        assertThat(err).contains("Unknown no-model policy 'drop': use wait or dead-letter");
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        assertThat(run("publish-model", "--bootstrap-servers", NOWHERE)).isEqualTo(2);
        assertOneErrorLine("Missing required option: '--name=<name>'");
        assertThat(err).contains("(see modelserving-examples publish-model --help)");
        // --file and --type are required but for an ensemble: the command checks them itself, the same way
        assertThat(run("publish-model", "--bootstrap-servers", NOWHERE, "--name", "m")).isEqualTo(2);
        assertOneErrorLine("Missing required options: '--file=<file>', '--type=<type>' (or --role ensemble with "
                + "--member)");
        assertThat(err).contains("(see modelserving-examples publish-model --help)");
        assertThat(run("publish-model", "--bootstrap-servers", NOWHERE, "--name", "m", "--type", "onnx"))
                .isEqualTo(2);
        assertOneErrorLine("Missing required option: '--file=<file>'");
        assertThat(run("retire", "--bootstrap-servers", NOWHERE)).isEqualTo(2);
        assertOneErrorLine("Missing required option: '--role=ROLE'");
        assertThat(run("demo", "--no-such-option")).isEqualTo(2);
        assertOneErrorLine("Unknown option: '--no-such-option'");
        assertThat(run("demo", "--records", "many")).isEqualTo(2);
        assertOneErrorLine("'many' is not a long");
    }

    @Test
    void badValuesAreRefusedBeforeAnythingConnectsOrStarts(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("wine.csv"), "7.4;0.7;0;1.9;0.076;11;34;0.9978;3.51;0.56;9.4;5\n");
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("demo", "--records", "-5"), "--records must be at least 4");
        cases.put(List.of("demo", "--records", "3"), "--records must be at least 4");
        cases.put(List.of("demo", "--rate", "-1"), "--rate must be 0");
        cases.put(List.of("demo", "--rate", "NaN"), "--rate must be 0");
        cases.put(List.of("demo", "--timeout", "0"), "--timeout must be positive");
        cases.put(List.of("demo", "--http-port", "70000"), "--http-port must be a port from 0 to 65535, was 70000");
        cases.put(List.of("serve", "--engine", "akka-streams", "--bootstrap-servers", NOWHERE, "--http-port", "-1"),
                "--http-port must be a port");
        cases.put(List.of("serve", "--engine", "akka-streams", "--bootstrap-servers", NOWHERE,
                "--replication-factor", "0"), "--replication-factor must be positive");
        cases.put(List.of("serve", "--engine", "akka-streams", "--bootstrap-servers", NOWHERE,
                "--session-timeout", "0"), "--session-timeout must be positive");
        cases.put(List.of("serve", "--engine", "kafka-streams", "--bootstrap-servers", NOWHERE,
                "--threads", "0"), "--threads must be positive");
        cases.put(List.of("publish-data", "--bootstrap-servers", NOWHERE, "--file", csv.toString(), "--count", "0"),
                "--count must be positive");
        cases.put(List.of("publish-data", "--bootstrap-servers", NOWHERE, "--file", csv.toString(), "--rate", "-2"),
                "--rate must be 0");
        cases.put(List.of("read-scored", "--bootstrap-servers", NOWHERE, "--count", "-1"), "--count must be positive");
        cases.put(List.of("read-dlq", "--bootstrap-servers", NOWHERE, "--timeout", "0"), "--timeout must be positive");
        cases.put(List.of("read-dlq", "--bootstrap-servers", "no-port-here"), "'no-port-here' is not host:port");
        cases.put(List.of("broker", "--port", "65536"), "--port must be a port from 0 to 65535");
        List<String> publish = List.of("publish-model", "--bootstrap-servers", NOWHERE, "--file", csv.toString(),
                "--type", "onnx", "--name", "m", "--role");
        cases.put(with(publish, "boss"), "--role 'boss': unknown model role 'boss'; roles: primary, shadow, canary");
        cases.put(with(publish, "canary"),
                "--role 'canary': a canary needs the share of keys it serves, e.g. canary:5%");
        cases.put(with(publish, "canary:five"), "--role 'canary:five': 'five' is not a percent");
        cases.put(with(publish, "canary:150%"), "--role 'canary:150%': ModelDescriptor canaryPercent must be above 0 "
                + "and at most 100");
        cases.put(with(publish, "canary:0"), "--role 'canary:0': ModelDescriptor canaryPercent must be above 0");
        cases.put(with(publish, "shadow:5%"), "--role 'shadow:5%': only a canary takes a share of keys");
        cases.put(List.of("publish-model", "--bootstrap-servers", NOWHERE, "--file", csv.toString(), "--type", "onnx",
                "--name", "m", "--promote-after", "100"),
                "--promote-after: ModelDescriptor m has a promotion rule but is a primary: only a shadow or a canary "
                        + "is promoted by rule");
        cases.put(List.of("publish-model", "--bootstrap-servers", NOWHERE, "--file", csv.toString(), "--type", "onnx",
                "--name", "m", "--role", "canary:5%", "--promote-after", "100", "--min-agreement", "0.9"),
                "--min-agreement does not apply to a canary, which is not compared with anything");
        cases.put(List.of("publish-model", "--bootstrap-servers", NOWHERE, "--file", csv.toString(), "--type", "onnx",
                "--name", "m", "--role", "shadow", "--promote-after", "100", "--min-agreement", "1.5"),
                "--promote-after: PromotionRule minAgreement must be from 0 to 1, was 1.5");
        cases.putAll(ensembleCases(csv));
        cases.put(List.of("promote", "--bootstrap-servers", NOWHERE, "--from", "ensemble"),
                "--from 'ensemble': an ensemble is not promoted");
        cases.put(List.of("promote", "--bootstrap-servers", NOWHERE, "--from", "primary"),
                "--from 'primary': only a shadow or a canary can be promoted, not the primary");
        cases.put(List.of("promote", "--bootstrap-servers", NOWHERE, "--from", "shade"),
                "--from 'shade': unknown model role 'shade'");
        cases.put(List.of("retire", "--bootstrap-servers", NOWHERE, "--role", "canary:5%"),
                "--role 'canary:5%': unknown model role 'canary:5%'");
        cases.put(List.of("train", "--out", dir.toString(), "--rows", "0"), "--rows must be positive");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            long start = System.nanoTime();
            assertThat(run(c.getKey().toArray(String[]::new))).as(c.getKey() + "; stderr: " + err).isEqualTo(2);
            assertOneErrorLine(c.getValue());
            assertThat(out).as(c.getKey().toString()).doesNotContain("Starting an embedded Kafka broker");
            // Connecting to NOWHERE would take the 10 s API timeout first.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(c.getKey().toString())
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    /** What {@code publish-model} refuses about an ensemble, each before it connects. */
    private static Map<List<String>, String> ensembleCases(Path file) {
        String member = "a=" + file + ":onnx";
        List<String> ensemble = List.of("publish-model", "--bootstrap-servers", NOWHERE, "--name", "vote", "--role",
                "ensemble");
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(ensemble, "--role ensemble needs its members: give --member NAME=PATH[:TYPE] once for each, 1 to "
                + Ensemble.MAX_MEMBERS);
        List<String> tooMany = new ArrayList<>(ensemble);
        for (int i = 0; i <= Ensemble.MAX_MEMBERS; i++) {
            tooMany.addAll(List.of("--member", "m" + i + "=" + file + ":onnx"));
        }
        cases.put(tooMany, "--member: an ensemble has at most " + Ensemble.MAX_MEMBERS + " members, "
                + (Ensemble.MAX_MEMBERS + 1) + " were given");
        cases.put(with(ensemble, "--member", member, "--member", "a=" + file + ":pmml"),
                "--member 'a=" + file + ":pmml': two members are named a");
        cases.put(with(ensemble, "--member", member, "--deadline-ms", "0"), "--deadline-ms must be from 1 to "
                + Ensemble.MAX_DEADLINE.toMillis() + ", was 0");
        cases.put(with(ensemble, "--member", member, "--deadline-ms", "-5"), "--deadline-ms must be from 1 to");
        long tooLong = Ensemble.MAX_DEADLINE.toMillis() + 1;
        cases.put(with(ensemble, "--member", member, "--deadline-ms", Long.toString(tooLong)),
                "--deadline-ms must be from 1 to " + Ensemble.MAX_DEADLINE.toMillis() + ", was " + tooLong);
        cases.put(with(ensemble, "--member", member, "--decider", " "), "--decider must name a decider");
        cases.put(with(ensemble, "--member", "a=" + file), "--member 'a=" + file + "': no model type");
        cases.put(with(ensemble, "--member", "a=" + file + ".missing:onnx"),
                "--member 'a=" + file + ".missing:onnx': no such file or directory: " + file + ".missing");
        cases.put(with(ensemble, "--member", "just-a-name"), "--member 'just-a-name': give a member as "
                + "NAME=PATH[:TYPE]");
        cases.put(with(ensemble, "--member", member, "--file", file.toString()),
                "--file does not apply to --role ensemble");
        cases.put(with(ensemble, "--member", member, "--promote-after", "100"),
                "--promote-after does not apply to --role ensemble");
        List<String> single = List.of("publish-model", "--bootstrap-servers", NOWHERE, "--name", "m", "--file",
                file.toString(), "--type", "onnx");
        cases.put(with(single, "--member", member), "--member applies only to --role ensemble, not to --role primary");
        cases.put(with(single, "--role", "shadow", "--decider", "majority"),
                "--decider applies only to --role ensemble, not to --role shadow");
        cases.put(with(single, "--role", "canary:5%", "--deadline-ms", "50"),
                "--deadline-ms applies only to --role ensemble, not to --role canary:5%");
        return cases;
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void missingFilesAreBadValuesNamingTheOption(@TempDir Path dir) {
        String missing = dir.resolve("missing").toString();
        assertThat(run("publish-model", "--bootstrap-servers", NOWHERE, "--file", missing, "--type", "onnx",
                "--name", "m")).isEqualTo(2);
        assertOneErrorLine("--file: no such file or directory: " + missing);
        assertThat(run("publish-data", "--bootstrap-servers", NOWHERE, "--file", missing)).isEqualTo(2);
        assertOneErrorLine("--file: no such file or directory: " + missing);
        assertThat(run("read-scored", "--bootstrap-servers", NOWHERE, "--client-config", missing)).isEqualTo(2);
        assertOneErrorLine("--client-config: no such file or directory: " + missing);
    }

    @Test
    void badDataAndOutputFormatsAreRefusedBeforeAnythingConnects(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("cars.csv"), "engine size,fuel\n1.6,diesel\n");
        Path schema = Files.writeString(dir.resolve("car.avsc"), "{\"type\": \"record\", \"name\": \"Car\", "
                + "\"fields\": [{\"name\": \"fuel\", \"type\": \"string\"}]}");
        Path notASchema = Files.writeString(dir.resolve("bad.avsc"), "{\"type\": \"recrod\"}");
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{\"type\": ");
        Path notARecord = Files.writeString(dir.resolve("enum.avsc"),
                "{\"type\": \"enum\", \"name\": \"Fuel\", \"symbols\": [\"diesel\"]}");
        Path badMap = Files.writeString(dir.resolve("map.json"), "{\"dataTypeField\": \"type\", \"dataType\": \"car\"}");
        String missing = dir.resolve("missing.json").toString();
        String[] serve = {"serve", "--engine", "kafka-streams", "--bootstrap-servers", NOWHERE};
        String[] publish = {"publish-data", "--bootstrap-servers", NOWHERE, "--file", csv.toString()};
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(with(serve, "--data-format", "csv"), "Unknown data format 'csv': use wine, protobuf, json or avro");
        cases.put(with(publish, "--data-format", "xml"), "Unknown data format 'xml'");
        cases.put(with(serve, "--data-format", "avro"), "--data-format avro needs --avro-schema FILE");
        cases.put(with(serve, "--data-format", "json", "--avro-schema", schema.toString()),
                "--avro-schema does not apply to --data-format json");
        cases.put(with(publish, "--data-format", "json", "--avro-schema-id", "3"),
                "--avro-schema-id does not apply to --data-format json");
        cases.put(with(serve, "--data-format", "avro", "--avro-schema", schema.toString(), "--avro-schema-id", "-1"),
                "--avro-schema-id must be 0 or more, was -1");
        cases.put(with(serve, "--data-format", "avro", "--avro-schema", notASchema.toString()),
                "--avro-schema " + notASchema + ": not an Avro schema: it names a type that is not defined");
        cases.put(with(serve, "--data-format", "avro", "--avro-schema", notJson.toString()),
                "--avro-schema " + notJson + ": not an Avro schema: ");
        cases.put(with(serve, "--data-format", "avro", "--avro-schema", notARecord.toString()),
                "--avro-schema " + notARecord + ": a schema of type enum, not a record");
        cases.put(with(serve, "--feature-map", badMap.toString()), "--feature-map does not apply to --data-format wine");
        cases.put(with(serve, "--data-format", "json", "--feature-map", missing),
                "--feature-map: no such file or directory: " + missing);
        cases.put(with(publish, "--data-format", "json", "--feature-map", badMap.toString()),
                "--feature-map " + badMap + ": give dataTypeField or dataType, not both");
        cases.put(with(serve, "--data-format", "avro", "--avro-schema", schema.toString(), "--feature-map",
                badMap.toString()), "--feature-map " + badMap + ": give dataTypeField or dataType, not both");
        cases.put(with(serve, "--output-format", "avro"), "Unknown output format 'avro': use protobuf or json");
        cases.put(List.of("read-scored", "--bootstrap-servers", NOWHERE, "--output-format", "xml"),
                "Unknown output format 'xml'");
        cases.put(with(publish, "--data-format", "json", "--data-type", "car", "--data-type-column", "kind"),
                "give --data-type or --data-type-column, not both");
        cases.put(with(publish, "--data-type-column", "kind"), "--data-type-column does not apply to --data-format wine");
        cases.put(with(publish, "--data-format", "json", "--data-type-column", "kind"),
                csv + " has no column 'kind' for the data type");
        cases.put(with(publish, "--data-format", "avro", "--avro-schema", schema.toString()),
                csv + " line 2: cannot write it as avro: ");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            long start = System.nanoTime();
            assertThat(run(c.getKey().toArray(String[]::new))).as(c.getKey() + "; stderr: " + err).isEqualTo(2);
            assertOneErrorLine(c.getValue());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(c.getKey().toString())
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    private static List<String> with(String[] command, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aTakenHttpPortFailsServeAndAnExplicitDemoPortBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = Integer.toString(taken.getLocalPort());
            assertThat(run("serve", "--engine", "kafka-streams", "--bootstrap-servers", NOWHERE, "--http-port", port))
                    .isEqualTo(1);
            assertOneErrorLine("cannot listen on 0.0.0.0:" + port + " (--http-port)");

            assertThat(run("demo", "--http-port", port)).isEqualTo(1);
            assertOneErrorLine("cannot listen on localhost:" + port + " (--http-port)");
            assertThat(out).doesNotContain("Starting an embedded Kafka broker");
        }
    }

    @Test
    void anUnreachableBrokerFailsWithinSecondsNamingTheServers(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("wine.csv"),
                "7.4;0.7;0;1.9;0.076;11;34;0.9978;3.51;0.56;9.4;5\n7.8;0.88;0;2.6;0.098;25;67;0.9968;3.2;0.68;9.8;5\n");
        long start = System.nanoTime();
        int exit = run("publish-data", "--bootstrap-servers", NOWHERE, "--file", csv.toString());

        assertThat(exit).isEqualTo(1);
        assertOneErrorLine("cannot reach Kafka at " + NOWHERE + ": no broker answered within 10 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(out).doesNotContain("Published");
    }

    @Test
    void anUnknownHostIsNamed() {
        assertThat(run("read-dlq", "--bootstrap-servers", "no-such-host.invalid:9092")).isEqualTo(1);
        assertOneErrorLine("cannot reach Kafka at no-such-host.invalid:9092: unknown host no-such-host.invalid");
    }

    @Test
    void anUnexpectedFailureIsOneLineWithItsCauses() {
        RuntimeException failure = new RuntimeException("outer", new IOException("inner\n  on two lines"));

        assertThat(Main.describe(failure)).isEqualTo("outer: inner on two lines");
        assertThat(Main.describe(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(Main.describe(new IllegalStateException("complete", new IOException("detail"))))
                .isEqualTo("complete");
        assertThat(Main.isBadValue(new KafkaException("Failed to construct kafka producer",
                new ConfigException("bad value")))).isTrue();
        assertThat(Main.isBadValue(new KafkaException("broker gone"))).isFalse();
    }
}
