package io.modelserving.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad option values end with exit code 2 and a one-line reason, before anything starts; a failure while running
 * ends with exit code 1 and a one-line reason.
 */
class CommandLineErrorsTest {

    private String err;

    private int run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setErr(original);
            err = captured.toString(StandardCharsets.UTF_8);
        }
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
        assertThat(run("publish-model", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err).contains("Missing required options");
    }

    @Test
    void publishingToAnUnreachableBrokerFailsSayingHowManyWereAcknowledged(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("wine.csv"),
                "7.4;0.7;0;1.9;0.076;11;34;0.9978;3.51;0.56;9.4;5\n7.8;0.88;0;2.6;0.098;25;67;0.9968;3.2;0.68;9.8;5\n");
        int exit = run("publish-data", "--bootstrap-servers", "127.0.0.1:1", "--file", csv.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err).containsPattern("(?m)^error: the broker acknowledged 0 of [12] records sent to modelserving-data: ");
    }
}
