package io.modelserving.benchmarks.endtoend;

import java.util.List;
import java.util.Optional;

/** Everything one run measured. */
record Results(BenchmarkOptions options, List<ThroughputResult> throughput, List<SwapResult> swaps) {

    Results {
        throughput = List.copyOf(throughput);
        swaps = List.copyOf(swaps);
    }

    Optional<ThroughputResult> throughputOf(PipelineKind kind) {
        return throughput.stream().filter(result -> result.kind() == kind).findFirst();
    }

    /** Whether every run saw every output and every swap. */
    boolean complete() {
        return throughput.stream().allMatch(ThroughputResult::complete) && swaps.stream().allMatch(SwapResult::complete);
    }
}
