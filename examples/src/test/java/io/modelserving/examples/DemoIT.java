package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.examples.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code demo} subcommand end to end, on its own embedded broker, for each engine. */
class DemoIT {

    @ParameterizedTest
    @ValueSource(strings = {"kafka-streams", "akka-streams"})
    void demoAccountsForEveryRecord(String engine) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.run("demo", "--engine", engine, "--records", "800", "--rate", "400", "--http-port", "0",
                    "--timeout", "90");
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);

        assertThat(exit).isZero();
        assertThat(output).contains("accounted for:       803 of 803")
                .contains("scored by wine-tribuo-linear:1:")
                .contains("scored by wine-ols:2:")
                .contains("scores checked:      800, 0 differ")
                .contains("malformed-nan -> data-undecodable: WineRecord residual sugar is NaN")
                .contains("OK: every record accounted for");
    }
}
