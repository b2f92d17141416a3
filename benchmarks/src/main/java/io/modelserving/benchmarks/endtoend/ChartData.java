package io.modelserving.benchmarks.endtoend;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What {@link Chart} draws, in plain values: the chart does not know the harness's result types, so a change to what
 * the harness measures cannot break the drawing, and a test can describe a chart in a few lines.
 *
 * <pre>{@code
 * ChartData data = new ChartData(
 *         new ChartData.Header("End-to-end benchmark", "2 cores, 24 GiB, Linux 6.1, OpenJDK 17.0.15",
 *                 "java -cp target/benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark",
 *                 LocalDate.now()),
 *         List.of(new ChartData.Panel("wine, at-least-once", List.of(
 *                 new ChartData.Series("Kafka Streams serving, ONNX", PipelineKind.Role.ADAPTER,
 *                         Map.of(1, 9_800.0, 2, 17_500.0, 4, 26_000.0))))),
 *         List.of(new ChartData.SwapGroup("kafka-streams, small model (1 KB)", List.of(31L, 28L, 45L), 50)));
 * }</pre>
 *
 * @param throughput one panel per workload and delivery guarantee, drawn two to a row; may be empty
 * @param swaps      one strip per engine and model size, on one shared axis; may be empty
 */
record ChartData(Header header, List<Panel> throughput, List<SwapGroup> swaps) {

    ChartData {
        Objects.requireNonNull(header, "header");
        throughput = List.copyOf(throughput);
        swaps = List.copyOf(swaps);
    }

    /**
     * Says where the numbers come from, so a reader can tell whether they apply to their own machine.
     *
     * @param machine e.g. "2 cores, 24 GiB, Linux 6.1, OpenJDK 17.0.15"
     * @param command the command line that produced the run
     */
    record Header(String title, String machine, String command, LocalDate date) {

        Header {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(date, "date");
        }
    }

    /** One small chart: records per second over partitions, one line per pipeline. */
    record Panel(String title, List<Series> series) {

        Panel {
            Objects.requireNonNull(title, "title");
            series = List.copyOf(series);
        }
    }

    /**
     * One pipeline's line. A pipeline keeps its colour in every panel, so it is named the same way in each.
     *
     * @param recordsPerSecond by partition count, iterated in ascending order; leave out a partition count that was
     *                         not measured rather than passing NaN
     */
    record Series(String pipeline, PipelineKind.Role role, Map<Integer, Double> recordsPerSecond) {

        Series {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(role, "role");
            TreeMap<Integer, Double> sorted = new TreeMap<>(recordsPerSecond);
            sorted.forEach((partitions, rate) -> {
                if (partitions < 1) {
                    throw new IllegalArgumentException(pipeline + ": partitions must be at least 1: " + partitions);
                }
                if (rate == null || !Double.isFinite(rate) || rate < 0) {
                    throw new IllegalArgumentException(pipeline + " at " + partitions
                            + " partitions: records per second must be finite and not negative: " + rate);
                }
            });
            recordsPerSecond = Collections.unmodifiableSortedMap(sorted);
        }
    }

    /**
     * The swaps of one engine and model size.
     *
     * @param millis       every swap's latency; a round that never swapped has no latency and belongs in the label
     * @param targetMillis drawn as a dashed line, when the design promises one
     */
    record SwapGroup(String label, List<Long> millis, OptionalLong targetMillis) {

        SwapGroup {
            Objects.requireNonNull(label, "label");
            millis = List.copyOf(millis);
            for (long ms : millis) {
                if (ms < 0) {
                    throw new IllegalArgumentException(label + ": a swap latency cannot be negative: " + ms);
                }
            }
            if (targetMillis.isPresent() && targetMillis.getAsLong() <= 0) {
                throw new IllegalArgumentException(label + ": target must be positive: " + targetMillis.getAsLong());
            }
        }

        SwapGroup(String label, List<Long> millis) {
            this(label, millis, OptionalLong.empty());
        }

        SwapGroup(String label, List<Long> millis, long targetMillis) {
            this(label, millis, OptionalLong.of(targetMillis));
        }
    }
}
