package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.DeliveryGuarantee;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one workload measured: every pipeline's throughput on the same records and model, at every guarantee and
 * partition count, and every engine's swaps.
 *
 * @param modelSource which model the workload scored with (for the FFNN: the Crayfish file or the built twin)
 * @param records     records per throughput run
 * @param throughput  every run, repetitions included, in the order they ran
 */
record WorkloadResults(WorkloadKind kind, String modelSource, int records, List<ThroughputResult> throughput,
                       List<SwapResult> swaps) {

    WorkloadResults {
        throughput = List.copyOf(throughput);
        swaps = List.copyOf(swaps);
    }

    /** The runs grouped by pipeline, guarantee and partition count, in the order each group first ran. */
    List<ThroughputCell> cells() {
        Map<List<Object>, List<ThroughputResult>> groups = new LinkedHashMap<>();
        for (ThroughputResult r : throughput) {
            groups.computeIfAbsent(List.of(r.kind(), r.setup().guarantee(), r.partitions()), k -> new ArrayList<>())
                    .add(r);
        }
        List<ThroughputCell> cells = new ArrayList<>();
        groups.forEach((key, runs) -> cells.add(new ThroughputCell((PipelineKind) key.get(0),
                (DeliveryGuarantee) key.get(1), (Integer) key.get(2), runs)));
        return cells;
    }

    /** The cell of {@code pipeline} at {@code guarantee} and {@code partitions}, if it ran. */
    Optional<ThroughputCell> cell(PipelineKind pipeline, DeliveryGuarantee guarantee, int partitions) {
        return cells().stream().filter(c -> c.kind() == pipeline && c.guarantee() == guarantee
                && c.partitions() == partitions).findFirst();
    }

    /** Whether every run saw every output and every swap. */
    boolean complete() {
        return throughput.stream().allMatch(ThroughputResult::complete)
                && swaps.stream().allMatch(SwapResult::complete);
    }
}
