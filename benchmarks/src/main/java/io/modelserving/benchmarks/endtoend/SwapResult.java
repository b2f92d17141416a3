package io.modelserving.benchmarks.endtoend;

import java.util.List;

/**
 * One engine's swap run.
 *
 * @param swapMillis      per round: from the model's acknowledgement to the first scored record naming it;
 *                        -1 for a round whose model never showed up
 * @param recordMillis    end-to-end latencies of the data records scored while the rounds ran
 * @param sent            data records sent
 * @param scored          scored records read
 * @param otherOutputs    outputs that are not scored records (failures, no model, dead letters)
 * @param complete        whether every round swapped and every record sent had its output
 */
record SwapResult(Engine engine, int rate, List<Long> swapMillis, List<Long> recordMillis, long sent, long scored,
                  long otherOutputs, boolean complete) {

    SwapResult {
        swapMillis = List.copyOf(swapMillis);
        recordMillis = List.copyOf(recordMillis);
    }

    List<Long> swapsSeen() {
        return swapMillis.stream().filter(ms -> ms >= 0).toList();
    }

    /** Median swap over median record latency. */
    double ratio() {
        long record = Stats.median(recordMillis);
        return record <= 0 ? Double.NaN : (double) Stats.median(swapsSeen()) / record;
    }
}
