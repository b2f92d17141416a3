package io.modelserving.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The serving app as separate processes of the runnable jar (a broker, one to three {@code serve} instances),
 * killed, restarted, scaled, cut off from the broker, fed hostile input and soaked, while a ledger in this JVM
 * accounts for the output of every input record. One broker process serves all scenarios, each on topics of its
 * own; the summary table goes to {@code target/reliability.md} (and to docs/ with
 * {@code -Dreliability.docs=docs/reliability.md}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

    /** Far above a restart that resumes at once, far below one that waits out a session timeout (45 s). */
    private static final double RESUME_LIMIT_SECONDS = 20;

    private Context context;

    @BeforeAll
    void startBroker() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "reliability"));
        Path run = Files.createTempDirectory(dir, "run-");
        Broker broker = new Broker(Serve.freePort(), run).start();
        context = new Context(broker, run, new Report());
    }

    @AfterAll
    void writeReport() throws Exception {
        context.report.write();
        context.close();
        context.broker.stop();
    }

    static Stream<Arguments> everyGuarantee() {
        return Stream.of(Arguments.of("kafka-streams", "at-least-once"), Arguments.of("kafka-streams", "exactly-once"),
                Arguments.of("akka-streams", "at-most-once"), Arguments.of("akka-streams", "at-least-once"),
                Arguments.of("akka-streams", "exactly-once"));
    }

    /** Every guarantee of every engine would take too long; Pekko runs the Akka adapter's code, so once is enough. */
    static Stream<Arguments> everyGuaranteeAndPekko() {
        return Stream.concat(everyGuarantee(), Stream.of(Arguments.of("pekko-streams", "at-least-once")));
    }

    static Stream<Arguments> lossless() {
        return everyGuarantee().filter(arguments -> !arguments.get()[1].equals("at-most-once"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyGuaranteeAndPekko")
    void killedAndRestartedAtOnce(String engine, String guarantee) throws Exception {
        CrashScenario.Outcome outcome = CrashScenario.run(context, engine, guarantee, 7);
        Row row = outcome.row();
        assertThat(outcome.sendFailures()).as("records the broker refused").isZero();
        assertThat(row.in()).isEqualTo(CrashScenario.RECORDS);
        assertThat(outcome.unreadable()).isZero();
        assertThat(row.crashes()).isZero();
        for (Restart restart : outcome.restarts()) {
            assertThat(restart.resumeSeconds()).as("seconds from restart to the first record scored")
                    .isLessThan(RESUME_LIMIT_SECONDS);
        }
        assertThat(outcome.staleModelScorings()).as("records scored after a restart by an older model").isZero();
        assertKept(guarantee, row);
    }

    @Order(2)
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossless")
    void scaledOutAndInUnderLoad(String engine, String guarantee) throws Exception {
        ScaleScenario.Outcome outcome = ScaleScenario.run(context, engine, guarantee);
        Row row = outcome.row();
        assertThat(outcome.unreadable()).isZero();
        assertThat(row.crashes()).isZero();
        assertThat(outcome.models()).as("current model of every instance").containsExactly("2");
        assertThat(outcome.instancesInState()).as("instances that /state/wine lists").isEqualTo(3);
        assertKept(guarantee, row);
    }

    @Order(3)
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossless")
    void survivesABrokerOutage(String engine, String guarantee) throws Exception {
        OutageScenario.Outcome outcome = OutageScenario.run(context, engine, guarantee);
        Row row = outcome.row();
        assertThat(outcome.alive()).isTrue();
        assertThat(outcome.unreadable()).isZero();
        assertThat(outcome.downDuringOutage()).as("/health DOWN while the broker is down").isTrue();
        assertThat(outcome.upAfter()).as("/health UP again after").isTrue();
        assertKept(guarantee, row);
    }

    /** Nothing lost but under at-most-once (whose loss the report shows), nothing duplicated under exactly-once. */
    private static void assertKept(String guarantee, Row row) {
        if (!guarantee.equals("at-most-once")) {
            assertThat(row.lost()).as("inputs without an output").isZero();
        }
        if (guarantee.equals("exactly-once")) {
            assertThat(row.duplicated()).as("duplicated outputs").isZero();
        }
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kafka-streams", "akka-streams"})
    void livesThroughHostileInput(String engine) throws Exception {
        HostileScenario.Outcome outcome = HostileScenario.run(context, engine);
        Row row = outcome.row();
        assertThat(outcome.sendFailures()).isZero();
        assertThat(outcome.alive()).as("serve process alive").isTrue();
        assertThat(outcome.unreadable()).isZero();
        assertThat(row.lost()).as("inputs without an output").isZero();
        assertThat(row.duplicated()).isZero();
        assertThat(outcome.deadLetters()).as("data dead letters").isEqualTo(HostileScenario.RECORDS / 2);
        assertThat(outcome.deadLettersPerBadModel()).as("dead letters of each bad model message; all, by reason: "
                + outcome.modelDeadLetterReasons()).hasSize(HostileScenario.BAD_MODELS).containsOnly(1L);
        assertThat(outcome.scoredByAnotherModel()).as("records scored by a model other than the published one")
                .isZero();
    }

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kafka-streams", "akka-streams"})
    void soaksWithSwapsWithoutGrowing(String engine) throws Exception {
        SoakScenario.Outcome outcome = SoakScenario.run(context, engine);
        assertThat(outcome.alive()).isTrue();
        assertThat(outcome.row().lost()).as("consumer lag at the end").isZero();
        // Flat, with room for the noise of a JIT and allocator that are still settling.
        assertThat(outcome.end().heap()).as("heap after GC at the end vs after warm-up")
                .isLessThan(outcome.warm().heap() * 3 / 2 + (32L << 20));
        assertThat(outcome.end().rss()).as("resident set at the end vs after warm-up")
                .isLessThan(outcome.warm().rss() * 13 / 10 + (64L << 20));
    }
}
