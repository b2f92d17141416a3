package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.DeliveryGuarantee;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints the results of each workload as two tables, each measured pipeline next to the baselines of the same run,
 * and, for the FFNN, the Crayfish paper's figures for the same model beside this run's.
 */
final class Report {

    /** Horchidan et al., EDBT 2024: the FFNN, batch size 1, embedded ONNX (Ray: its own serving), one task each. */
    static final String CRAYFISH = "Kafka Streams + ONNX 1,619-1,911 rec/s; Flink + ONNX 1,029-1,087; "
            + "Spark Structured Streaming + ONNX 259; Ray + ONNX 119";

    /** The FFNN target: ten times Crayfish's Kafka Streams + ONNX figure per task. */
    static final double FFNN_TARGET = 19_000;

    private Report() {
    }

    static void print(Results results, PrintStream out) {
        for (WorkloadResults workload : results.workloads()) {
            print(results.options(), workload, out);
        }
    }

    private static void print(BenchmarkOptions options, WorkloadResults w, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Workload %s: %s%n", w.kind().label(), w.modelSource());
        out.printf(Locale.ROOT, "Throughput: %,d records pre-loaded per run, one in-JVM broker, %d cores; %s%n",
                w.records(), Runtime.getRuntime().availableProcessors(), options.repeat() == 1 ? "one run each"
                        : "medians of " + options.repeat() + " runs each");
        out.println("  'from start' includes start-up (group join, model load); 'running' is first to last output.");
        out.println("  x raw = ratio to the raw loop (same work, practical upper bound); x own = to the same work hand-"
                + "written on the adapter's engine");
        out.println("  (a Kafka Streams topology, an Alpakka or Pekko Connectors graph, with the adapter's settings); "
                + "x pass = to the Kafka Streams pass-through (copies only). 1.00 = as fast.");
        out.println("  heap MB = peak heap in use above the heap after a full collection before the run; RSS MB = peak "
                + "resident set of the whole process (broker included).");
        for (DeliveryGuarantee guarantee : options.guarantees()) {
            for (int partitions : options.partitions()) {
                printTable(w, guarantee, partitions, out);
            }
        }
        printTargets(options, w, out);
        if (w.kind() == WorkloadKind.FFNN) {
            printCrayfish(options, w, out);
        }
        printSwaps(options, w, out);
    }

    private static void printTable(WorkloadResults w, DeliveryGuarantee guarantee, int partitions, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%s, %s, %d partitions, %d threads or workers per pipeline%n", w.kind().label(),
                label(guarantee), partitions, partitions);
        out.printf(Locale.ROOT, "%-38s %8s %5s %8s %8s | %8s %6s %6s %6s | %9s %6s %6s %6s | %7s %6s%n", "pipeline",
                "outputs", "dead", "first ms", "last ms", "rec/s", "x raw", "x own", "x pass", "running/s", "x raw",
                "x own", "x pass", "heap MB", "RSS MB");
        ThroughputCell raw = w.cell(PipelineKind.RAW_LOOP, guarantee, partitions).orElse(null);
        ThroughputCell pass = w.cell(PipelineKind.STREAMS_PASS_THROUGH, guarantee, partitions).orElse(null);
        for (ThroughputCell c : w.cells()) {
            if (c.guarantee() != guarantee || c.partitions() != partitions) {
                continue;
            }
            ThroughputCell own = own(w, c);
            ThroughputResult r = c.typical();
            out.printf(Locale.ROOT, "%-38s %8d %5d %8d %8d | %8.0f %6s %6s %6s | %9.0f %6s %6s %6s | %7d %6d%s%n",
                    c.kind().label(), r.outputs(), r.deadLetters(), r.startupMillis(), r.totalMillis(), c.fromStart(),
                    ratio(c, raw, ThroughputCell::fromStart), ratio(c, own, ThroughputCell::fromStart),
                    ratio(c, pass, ThroughputCell::fromStart), c.running(), ratio(c, raw, ThroughputCell::running),
                    ratio(c, own, ThroughputCell::running), ratio(c, pass, ThroughputCell::running),
                    c.heapAboveBaseline() >> 20, c.peakResident() >> 20,
                    c.complete() ? "" : "  INCOMPLETE: " + r.outputs() + " of " + r.records() + " outputs");
        }
    }

    /**
     * The targets, running rates: each adapter at least 0.9x its own engine's hand-written graph; Akka and
     * Pekko at least 0.9x the raw loop, Kafka Streams at least 0.8x it on wine; the FFNN at 19,000 records/s.
     */
    private static void printTargets(BenchmarkOptions options, WorkloadResults w, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Targets (%s, running rates): x own >= 0.90; x raw >= 0.90 (Kafka Streams: 0.80 on "
                + "wine)%s%n", w.kind().label(), w.kind() == WorkloadKind.FFNN ? "; at least 19,000 records/s" : "");
        for (ThroughputCell c : w.cells()) {
            if (c.kind().role() != PipelineKind.Role.ADAPTER) {
                continue;
            }
            ThroughputCell own = own(w, c);
            ThroughputCell raw = w.cell(PipelineKind.RAW_LOOP, c.guarantee(), c.partitions()).orElse(null);
            double rawTarget = c.kind().engine() == Engine.KAFKA_STREAMS && w.kind() == WorkloadKind.WINE ? 0.8 : 0.9;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-28s %-14s %d partitions:",
                    c.kind().label(), label(c.guarantee()), c.partitions()));
            line.append(target(" x own", c, own, 0.9)).append(target(", x raw", c, raw, rawTarget));
            if (w.kind() == WorkloadKind.FFNN) {
                double rate = c.running();
                line.append(String.format(Locale.ROOT, ", %,.0f rec/s %s", rate,
                        rate >= FFNN_TARGET ? "met" : String.format(Locale.ROOT, "missed by %.0f%%",
                                100 * (1 - rate / FFNN_TARGET))));
            }
            out.println(line);
        }
    }

    private static String target(String what, ThroughputCell c, ThroughputCell baseline, double target) {
        if (baseline == null) {
            return what + " -";
        }
        double ratio = c.running() / baseline.running();
        return String.format(Locale.ROOT, "%s %.2f %s", what, ratio, ratio >= target ? "met"
                : String.format(Locale.ROOT, "(missed by %.0f%%)", 100 * (1 - ratio / target)));
    }

    private static ThroughputCell own(WorkloadResults w, ThroughputCell c) {
        PipelineKind ownKind = c.kind().sameWorkOnOwnEngine();
        return ownKind == null ? null : w.cell(ownKind, c.guarantee(), c.partitions()).orElse(null);
    }

    static String label(DeliveryGuarantee guarantee) {
        return guarantee.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void printCrayfish(BenchmarkOptions options, WorkloadResults w, PrintStream out) {
        out.println();
        out.println("Beside Crayfish (Horchidan et al., EDBT 2024), the same FFNN, batch size 1, one task each, on "
                + "their machines, not this one:");
        out.println("  " + CRAYFISH + ".");
        out.println("  Here, running/s (broker, load and readers share the cores):");
        for (ThroughputCell c : w.cells()) {
            if (c.kind().writesEnvelopes()) {
                out.printf(Locale.ROOT, "    %-38s %-14s %d partitions %,9.0f%n", c.kind().label(),
                        label(c.guarantee()), c.partitions(), c.running());
            }
        }
        out.println("  Batches here: Kafka Streams, serving and hand-written, score one record at a time per stream "
                + "thread (as Crayfish);");
        out.println("  Akka and Pekko, serving and hand-written, score micro-batches of up to 16, as many at a time as "
                + "partitions; the raw loop scores each poll (up to 500).");
    }

    private static void printSwaps(BenchmarkOptions options, WorkloadResults w, PrintStream out) {
        if (w.swaps().isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "Model swap (%s, %d partitions): data at %d records/s; swap = model acknowledged -> "
                + "first record scored by it;%n", w.kind().label(), options.swapPartitions(), options.rate());
        out.println("  record = data record sent -> its scored record appended (the baseline, same run). Targets: p99 "
                + "under " + RunChart.SMALL_MODEL_TARGET_MILLIS + " ms (small), " + RunChart.LARGE_MODEL_TARGET_MILLIS
                + " ms (large), nothing lost.");
        out.printf(Locale.ROOT, "%-14s %-6s %7s %9s %9s %9s | %9s %9s | %8s %6s %5s%n", "engine", "model", "rounds",
                "swap p50", "swap p99", "swap max", "record p50", "record p99", "sent", "lost", "other");
        for (SwapResult s : w.swaps()) {
            out.printf(Locale.ROOT, "%-14s %-6s %7s %6d ms %6d ms %6d ms | %7d ms %7d ms | %8d %6d %5d%s%n",
                    s.engine().label(), s.model().label(), s.swapsSeen().size() + "/" + s.swapMillis().size(),
                    s.swapP50(), s.swapP99(), s.swapMax(), Stats.median(s.recordMillis()),
                    Stats.percentile(s.recordMillis(), 99), s.sent(), s.lost(), s.otherOutputs(),
                    s.complete() ? "" : "  INCOMPLETE");
        }
        out.println();
        for (SwapResult s : w.swaps()) {
            long target = s.model() == SwapModel.LARGE ? RunChart.LARGE_MODEL_TARGET_MILLIS
                    : RunChart.SMALL_MODEL_TARGET_MILLIS;
            out.printf(Locale.ROOT, "%s, %s model: a swap takes %d ms (p50; p99 %d ms, %s) = %.1fx one record's "
                            + "end-to-end latency (%d ms p50). Sent %d, scored %d, lost %d.%n",
                    s.engine().label(), s.model().label(), s.swapP50(), s.swapP99(),
                    s.swapP99() < target ? "under the " + target + " ms target"
                            : "over the " + target + " ms target", s.ratio(), Stats.median(s.recordMillis()),
                    s.sent(), s.scored(), s.lost());
        }
    }

    private static String ratio(ThroughputCell c, ThroughputCell baseline, ToDoubleFunction<ThroughputCell> metric) {
        if (baseline == null) {
            return "-";
        }
        double ratio = metric.applyAsDouble(c) / metric.applyAsDouble(baseline);
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "-";
    }
}
