package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * A tiny run of the whole harness on both workloads: every pipeline, same-work baselines included, must account for
 * every record, and every swap must be seen. Timing is not checked.
 */
class EndToEndBenchmarkIT {

    private static final int RECORDS = 300;

    @Test
    void everyRecordAndEverySwapIsAccountedFor() throws Exception {
        BenchmarkOptions options = BenchmarkOptions.defaults().withWorkloads(EnumSet.allOf(WorkloadKind.class))
                .withRecords(RECORDS).withRounds(1).withRate(200).withWarmUpRecords(0)
                .withSteadyPeriod(Duration.ofMillis(300));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Results results = EndToEndBenchmark.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(results.workloads()).extracting(WorkloadResults::kind)
                .containsExactly(WorkloadKind.WINE, WorkloadKind.FFNN);
        for (WorkloadResults workload : results.workloads()) {
            assertThat(workload.throughput()).extracting(ThroughputResult::kind).containsExactly(
                    PipelineKind.STREAMS_PASS_THROUGH, PipelineKind.CONSUMER_LOOP, PipelineKind.RAW_LOOP,
                    PipelineKind.HAND_WRITTEN_STREAMS, PipelineKind.KAFKA_STREAMS_SERVING,
                    PipelineKind.HAND_WRITTEN_AKKA, PipelineKind.AKKA_STREAMS_SERVING,
                    PipelineKind.HAND_WRITTEN_PEKKO, PipelineKind.PEKKO_STREAMS_SERVING);
            for (ThroughputResult result : workload.throughput()) {
                String what = workload.kind().label() + ", " + result.kind().label();
                assertThat(result.outputs()).as(what).isEqualTo(RECORDS);
                assertThat(result.scored()).as(what).isEqualTo(RECORDS);
                assertThat(result.deadLetters()).as(what).isZero();
                assertThat(result.firstAppendMillis()).as(what)
                        .isBetween(result.startMillis(), result.lastAppendMillis());
            }
            assertThat(workload.swaps()).extracting(SwapResult::engine).containsExactly(Engine.values());
            for (SwapResult swap : workload.swaps()) {
                String what = workload.kind().label() + ", " + swap.engine().label();
                assertThat(swap.swapMillis()).as(what).hasSize(1).allMatch(ms -> ms >= 0);
                assertThat(swap.sent()).as(what).isPositive();
                assertThat(swap.scored()).as(what).isEqualTo(swap.sent());
                assertThat(swap.otherOutputs()).as(what).isZero();
                assertThat(swap.recordMillis()).as(what).isNotEmpty();
            }
        }
        assertThat(results.complete()).isTrue();

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Report.print(results, new PrintStream(report, true, StandardCharsets.UTF_8));
        assertThat(report.toString(StandardCharsets.UTF_8)).contains("Workload wine", "Workload ffnn",
                PipelineKind.RAW_LOOP.label(), PipelineKind.HAND_WRITTEN_STREAMS.label(),
                PipelineKind.HAND_WRITTEN_AKKA.label(), PipelineKind.HAND_WRITTEN_PEKKO.label(),
                PipelineKind.KAFKA_STREAMS_SERVING.label(), PipelineKind.AKKA_STREAMS_SERVING.label(),
                PipelineKind.PEKKO_STREAMS_SERVING.label(), "Crayfish", "a swap takes").doesNotContain("INCOMPLETE");
    }
}
