package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A tiny run of the whole harness: every record and every swap must be accounted for. Timing is not checked. */
class EndToEndBenchmarkIT {

    private static final int RECORDS = 500;

    @Test
    void everyRecordAndEverySwapIsAccountedFor() throws Exception {
        BenchmarkOptions options = BenchmarkOptions.defaults().withRecords(RECORDS).withRounds(1).withRate(200)
                .withWarmUpRecords(0).withSteadyPeriod(Duration.ofMillis(300));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Results results = EndToEndBenchmark.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(results.throughput()).extracting(ThroughputResult::kind).containsExactly(
                PipelineKind.STREAMS_PASS_THROUGH, PipelineKind.CONSUMER_LOOP, PipelineKind.KAFKA_STREAMS_SERVING,
                PipelineKind.AKKA_STREAMS_SERVING, PipelineKind.PEKKO_STREAMS_SERVING);
        for (ThroughputResult result : results.throughput()) {
            assertThat(result.outputs()).as(result.kind().label()).isEqualTo(RECORDS);
            assertThat(result.scored()).as(result.kind().label()).isEqualTo(RECORDS);
            assertThat(result.deadLetters()).as(result.kind().label()).isZero();
            assertThat(result.firstAppendMillis()).as(result.kind().label())
                    .isBetween(result.startMillis(), result.lastAppendMillis());
        }
        assertThat(results.swaps()).extracting(SwapResult::engine).containsExactly(Engine.values());
        for (SwapResult swap : results.swaps()) {
            assertThat(swap.swapMillis()).as(swap.engine().label()).hasSize(1).allMatch(ms -> ms >= 0);
            assertThat(swap.sent()).as(swap.engine().label()).isPositive();
            assertThat(swap.scored()).as(swap.engine().label()).isEqualTo(swap.sent());
            assertThat(swap.otherOutputs()).as(swap.engine().label()).isZero();
            assertThat(swap.recordMillis()).as(swap.engine().label()).isNotEmpty();
        }
        assertThat(results.complete()).isTrue();

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Report.print(results, new PrintStream(report, true, StandardCharsets.UTF_8));
        assertThat(report.toString(StandardCharsets.UTF_8)).contains(PipelineKind.KAFKA_STREAMS_SERVING.label(),
                PipelineKind.AKKA_STREAMS_SERVING.label(), PipelineKind.PEKKO_STREAMS_SERVING.label(), "a swap takes").doesNotContain("INCOMPLETE");
    }
}
