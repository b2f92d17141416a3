package io.modelserving.benchmarks.endtoend;

import com.sun.management.OperatingSystemMXBean;
import io.modelserving.kafka.DeliveryGuarantee;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What of a run's {@link Results} the chart shows: the running rate of every pipeline by partition count, one panel
 * per workload and guarantee, and every swap, each engine and model size with its target (50 ms for the small
 * model, 500 ms for the large one).
 */
final class RunChart {

    static final long SMALL_MODEL_TARGET_MILLIS = 50;
    static final long LARGE_MODEL_TARGET_MILLIS = 500;

    private RunChart() {
    }

    /** The chart of {@code results}, run by {@code command} today on this machine. */
    static ChartData of(Results results, String command) {
        return new ChartData(new ChartData.Header("modelserving end to end: throughput and model swaps",
                machine(), command, LocalDate.now()), panels(results), swaps(results));
    }

    private static List<ChartData.Panel> panels(Results results) {
        List<ChartData.Panel> panels = new ArrayList<>();
        for (WorkloadResults w : results.workloads()) {
            for (DeliveryGuarantee guarantee : results.options().guarantees()) {
                Map<PipelineKind, Map<Integer, Double>> lines = new LinkedHashMap<>();
                for (ThroughputCell c : w.cells()) {
                    if (c.guarantee() == guarantee && Double.isFinite(c.running())) {
                        lines.computeIfAbsent(c.kind(), k -> new LinkedHashMap<>()).put(c.partitions(), c.running());
                    }
                }
                List<ChartData.Series> series = new ArrayList<>();
                lines.forEach((kind, rates) -> series.add(new ChartData.Series(kind.label(), kind.role(), rates)));
                panels.add(new ChartData.Panel(w.kind().label() + ", " + Report.label(guarantee)
                        + ": records/s while running", series));
            }
        }
        return panels;
    }

    private static List<ChartData.SwapGroup> swaps(Results results) {
        List<ChartData.SwapGroup> groups = new ArrayList<>();
        for (WorkloadResults w : results.workloads()) {
            for (SwapResult s : w.swaps()) {
                long target = s.model() == SwapModel.LARGE ? LARGE_MODEL_TARGET_MILLIS : SMALL_MODEL_TARGET_MILLIS;
                String missed = s.swapsSeen().size() == s.swapMillis().size() ? ""
                        : ", " + (s.swapMillis().size() - s.swapsSeen().size()) + " never seen";
                groups.add(new ChartData.SwapGroup(s.engine().label() + ", " + s.model().label() + " model ("
                        + w.kind().label() + missed + ")", s.swapsSeen(), target));
            }
        }
        return groups;
    }

    /** Cores, memory, OS and JVM: what a reader needs to tell whether the figures apply to their machine. */
    static String machine() {
        long memory = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores, %d GiB, %s %s, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(), Math.round(memory / (double) (1L << 30)),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }
}
