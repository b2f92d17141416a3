package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.DeliveryGuarantee;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Every repetition of one pipeline at one guarantee and partition count, summarised by medians: the figures the
 * report and the chart show for that pipeline there.
 */
record ThroughputCell(PipelineKind kind, DeliveryGuarantee guarantee, int partitions, List<ThroughputResult> runs) {

    ThroughputCell {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A cell needs at least one run");
        }
        runs = List.copyOf(runs);
    }

    /** Median records per second from start to the last output, start-up included. */
    double fromStart() {
        return median(ThroughputResult::recordsPerSecond);
    }

    /** Median records per second from the first output to the last. */
    double running() {
        return median(ThroughputResult::steadyRecordsPerSecond);
    }

    /** The run with the median running rate (the lower one of an even count), for its times and counts. */
    ThroughputResult typical() {
        List<ThroughputResult> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.steadyRecordsPerSecond(), b.steadyRecordsPerSecond()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The most any run added to the heap. */
    long heapAboveBaseline() {
        return runs.stream().mapToLong(r -> r.memory().heapAboveBaseline()).max().orElse(0);
    }

    /** The largest resident set any run reached (the whole process). */
    long peakResident() {
        return runs.stream().mapToLong(r -> r.memory().peakResident()).max().orElse(0);
    }

    boolean complete() {
        return runs.stream().allMatch(ThroughputResult::complete);
    }

    private double median(ToDoubleFunction<ThroughputResult> metric) {
        List<Double> values = new ArrayList<>();
        runs.forEach(run -> values.add(metric.applyAsDouble(run)));
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}
