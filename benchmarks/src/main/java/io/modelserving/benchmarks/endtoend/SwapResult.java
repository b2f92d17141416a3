package io.modelserving.benchmarks.endtoend;

import java.util.List;

/**
 * One engine's swap run.
 *
 * @param model           which model was swapped, version after version
 * @param swapMillis      per round: from the model's acknowledgement to the first scored record naming it;
 *                        -1 for a round whose model never showed up
 * @param recordMillis    end-to-end latencies of the data records scored while the rounds ran
 * @param sent            data records sent
 * @param scored          scored records read (a record scored twice, as at-least-once allows, counts twice)
 * @param otherOutputs    outputs that are not scored records (failures, no model, dead letters)
 * @param lost            data records sent that have no scored record: none, or only a failure
 * @param complete        whether every round swapped and every record sent was scored
 */
record SwapResult(Engine engine, SwapModel model, int rate, List<Long> swapMillis, List<Long> recordMillis,
                  long sent, long scored, long otherOutputs, long lost, boolean complete) {

    SwapResult {
        swapMillis = List.copyOf(swapMillis);
        recordMillis = List.copyOf(recordMillis);
    }

    List<Long> swapsSeen() {
        return swapMillis.stream().filter(ms -> ms >= 0).toList();
    }

    /** Median swap in ms over the rounds that swapped; -1 when none did. */
    long swapP50() {
        return Stats.median(swapsSeen());
    }

    long swapP99() {
        return Stats.percentile(swapsSeen(), 99);
    }

    long swapMax() {
        return Stats.max(swapsSeen());
    }

    /** Median swap over median record latency. */
    double ratio() {
        long record = Stats.median(recordMillis);
        return record <= 0 ? Double.NaN : (double) swapP50() / record;
    }
}
