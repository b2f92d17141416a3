package io.modelserving.benchmarks.endtoend;

import java.util.List;
import java.util.Optional;

/**
 * What one workload measured: every pipeline's throughput on the same records and model, and every engine's swaps.
 *
 * @param modelSource which model the workload scored with (for the FFNN: the Crayfish file or the built twin)
 * @param records     records per throughput run
 */
record WorkloadResults(WorkloadKind kind, String modelSource, int records, List<ThroughputResult> throughput,
                       List<SwapResult> swaps) {

    WorkloadResults {
        throughput = List.copyOf(throughput);
        swaps = List.copyOf(swaps);
    }

    Optional<ThroughputResult> throughputOf(PipelineKind pipeline) {
        return throughput.stream().filter(result -> result.kind() == pipeline).findFirst();
    }

    /** Whether every run saw every output and every swap. */
    boolean complete() {
        return throughput.stream().allMatch(ThroughputResult::complete)
                && swaps.stream().allMatch(SwapResult::complete);
    }
}
