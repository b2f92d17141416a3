package io.modelserving.benchmarks.endtoend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of millisecond samples (nearest rank). */
final class Stats {

    private Stats() {
    }

    static long median(List<Long> samples) {
        return percentile(samples, 50);
    }

    static long max(List<Long> samples) {
        return percentile(samples, 100);
    }

    /**
     * The smallest sample with at least {@code p} percent of the samples at or below it; -1 for no samples.
     */
    static long percentile(List<Long> samples, double p) {
        if (samples.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }
}
