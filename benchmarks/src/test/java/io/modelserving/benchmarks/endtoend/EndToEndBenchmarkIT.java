package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.modelserving.kafka.DeliveryGuarantee;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * A tiny run of the whole harness on both workloads at both guarantees: every pipeline, same-work baselines included,
 * must account for every record, and every swap must be seen. Timing is not checked.
 */
class EndToEndBenchmarkIT {

    private static final int RECORDS = 300;

    @Test
    void everyRecordAndEverySwapIsAccountedFor() throws Exception {
        BenchmarkOptions options = BenchmarkOptions.defaults().withWorkloads(EnumSet.allOf(WorkloadKind.class))
                .withGuarantees(EnumSet.of(DeliveryGuarantee.AT_LEAST_ONCE, DeliveryGuarantee.EXACTLY_ONCE))
                .withRecords(RECORDS).withRounds(1).withLargeRounds(1).withRate(200).withWarmUpRecords(0)
                .withSteadyPeriod(Duration.ofMillis(300));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Results results = EndToEndBenchmark.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(results.workloads()).extracting(WorkloadResults::kind)
                .containsExactly(WorkloadKind.WINE, WorkloadKind.FFNN);
        for (WorkloadResults workload : results.workloads()) {
            List<PipelineKind> exactlyOnce = List.of(PipelineKind.RAW_LOOP,
                    PipelineKind.HAND_WRITTEN_STREAMS, PipelineKind.KAFKA_STREAMS_SERVING,
                    PipelineKind.HAND_WRITTEN_AKKA, PipelineKind.AKKA_STREAMS_SERVING,
                    PipelineKind.HAND_WRITTEN_PEKKO, PipelineKind.PEKKO_STREAMS_SERVING);
            List<PipelineKind> atLeastOnce = new ArrayList<>(exactlyOnce);
            // the copies run at at-least-once only
            atLeastOnce.addAll(0, List.of(PipelineKind.STREAMS_PASS_THROUGH, PipelineKind.CONSUMER_LOOP));
            assertThat(workload.throughput()).filteredOn(r -> !r.setup().exactlyOnce())
                    .extracting(ThroughputResult::kind).containsExactlyElementsOf(atLeastOnce);
            assertThat(workload.throughput()).filteredOn(r -> r.setup().exactlyOnce())
                    .extracting(ThroughputResult::kind).containsExactlyElementsOf(exactlyOnce);
            for (ThroughputResult result : workload.throughput()) {
                String what = workload.kind().label() + ", " + result.kind().label() + ", "
                        + result.setup().guaranteeLabel();
                assertThat(result.outputs()).as(what).isEqualTo(RECORDS);
                assertThat(result.scored()).as(what).isEqualTo(RECORDS);
                assertThat(result.deadLetters()).as(what).isZero();
                assertThat(result.firstAppendMillis()).as(what)
                        .isBetween(result.startMillis(), result.lastAppendMillis());
            }
            if (workload.kind() != WorkloadKind.WINE) {
                assertThat(workload.swaps()).as("swaps run on the first workload only").isEmpty();
                continue;
            }
            List<Tuple> swaps = new ArrayList<>();
            for (Engine engine : Engine.values()) {
                swaps.add(tuple(engine, SwapModel.SMALL));
                swaps.add(tuple(engine, SwapModel.LARGE));
            }
            assertThat(workload.swaps()).extracting(SwapResult::engine, SwapResult::model)
                    .containsExactlyElementsOf(swaps);
            for (SwapResult swap : workload.swaps()) {
                String what = workload.kind().label() + ", " + swap.engine().label() + ", " + swap.model().label();
                assertThat(swap.swapMillis()).as(what).hasSize(1).allMatch(ms -> ms >= 0);
                assertThat(swap.sent()).as(what).isPositive();
                assertThat(swap.scored()).as(what).isEqualTo(swap.sent());
                assertThat(swap.otherOutputs()).as(what).isZero();
                assertThat(swap.lost()).as(what).isZero();
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
                PipelineKind.PEKKO_STREAMS_SERVING.label(), "Crayfish", "a swap takes", "exactly-once",
                "Targets").doesNotContain("INCOMPLETE");

        String chart = Chart.svg(RunChart.of(results, "EndToEndBenchmark --test"));
        assertThat(chart).contains("wine, exactly-once", "ffnn, at-least-once", PipelineKind.RAW_LOOP.label(),
                "pekko-streams, large model", "EndToEndBenchmark --test");
    }
}
