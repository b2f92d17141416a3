package io.modelserving.benchmarks.endtoend;

import java.util.List;

/** Everything one run measured: one {@link WorkloadResults} per workload, in the order they ran. */
record Results(BenchmarkOptions options, List<WorkloadResults> workloads) {

    Results {
        workloads = List.copyOf(workloads);
    }

    /** Whether every run saw every output and every swap. */
    boolean complete() {
        return workloads.stream().allMatch(WorkloadResults::complete);
    }
}
