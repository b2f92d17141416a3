package io.modelserving.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad option values end with exit code 2 and a one-line reason, before anything starts. */
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
}
