package io.modelserving.benchmarks.endtoend;

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
        out.printf(Locale.ROOT, "Throughput: %,d records pre-loaded, %d partitions, at-least-once, one in-JVM broker, "
                + "%d cores%n", w.records(), options.partitions(), Runtime.getRuntime().availableProcessors());
        out.println("  'from start' includes start-up (group join, model load); 'running' is first to last output.");
        out.println("  x raw = ratio to the raw loop (same work, practical upper bound); x own = to the same work hand-"
                + "written on the adapter's engine");
        out.println("  (a Kafka Streams topology, an Alpakka or Pekko Connectors graph, with the adapter's settings); "
                + "x pass = to the Kafka Streams pass-through (copies only). 1.00 = as fast.");
        out.printf(Locale.ROOT, "%-38s %8s %6s %9s %9s | %9s %6s %6s %6s | %9s %6s %6s %6s%n", "pipeline", "outputs",
                "dead", "first ms", "last ms", "rec/s", "x raw", "x own", "x pass", "running/s", "x raw", "x own",
                "x pass");
        ThroughputResult raw = w.throughputOf(PipelineKind.RAW_LOOP).orElse(null);
        ThroughputResult pass = w.throughputOf(PipelineKind.STREAMS_PASS_THROUGH).orElse(null);
        for (ThroughputResult r : w.throughput()) {
            PipelineKind ownKind = r.kind().sameWorkOnOwnEngine();
            ThroughputResult own = ownKind == null ? null : w.throughputOf(ownKind).orElse(null);
            ToDoubleFunction<ThroughputResult> fromStart = ThroughputResult::recordsPerSecond;
            ToDoubleFunction<ThroughputResult> running = ThroughputResult::steadyRecordsPerSecond;
            out.printf(Locale.ROOT, "%-38s %8d %6d %9d %9d | %9.0f %6s %6s %6s | %9.0f %6s %6s %6s%s%n",
                    r.kind().label(), r.outputs(), r.deadLetters(), r.startupMillis(), r.totalMillis(),
                    r.recordsPerSecond(), ratio(r, raw, fromStart), ratio(r, own, fromStart), ratio(r, pass, fromStart),
                    r.steadyRecordsPerSecond(), ratio(r, raw, running), ratio(r, own, running),
                    ratio(r, pass, running),
                    r.complete() ? "" : "  INCOMPLETE: " + r.outputs() + " of " + r.records() + " outputs");
        }
        if (w.kind() == WorkloadKind.FFNN) {
            printCrayfish(w, out);
        }
        printSwaps(options, w, out);
    }

    private static void printCrayfish(WorkloadResults w, PrintStream out) {
        out.println();
        out.println("Beside Crayfish (Horchidan et al., EDBT 2024), the same FFNN, batch size 1, one task each, on "
                + "their machines, not this one:");
        out.println("  " + CRAYFISH + ".");
        out.println("  Here, running/s (broker, load and readers share the cores):");
        for (ThroughputResult r : w.throughput()) {
            if (r.kind().writesEnvelopes()) {
                out.printf(Locale.ROOT, "    %-38s %,9.0f%n", r.kind().label(), r.steadyRecordsPerSecond());
            }
        }
        out.println("  Batches here: Kafka Streams, serving and hand-written, score one record at a time on one stream "
                + "thread (as Crayfish);");
        out.println("  Akka and Pekko, serving and hand-written, score micro-batches of up to 16, 2 at a time; the raw "
                + "loop scores each poll (up to 500) on one thread per core.");
    }

    private static void printSwaps(BenchmarkOptions options, WorkloadResults w, PrintStream out) {
        if (w.swaps().isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "Model swap (%s): %d rounds per engine, data at %d records/s; "
                + "swap = model acknowledged -> first record scored by it;%n", w.kind().label(), options.rounds(),
                options.rate());
        out.println("  record = data record sent -> its scored record appended (the baseline, same run).");
        out.printf(Locale.ROOT, "%-14s %7s %11s %9s | %13s %10s %10s | %14s%n", "engine", "rounds", "swap median",
                "swap max", "record median", "record p99", "record max", "swap / record");
        for (SwapResult s : w.swaps()) {
            out.printf(Locale.ROOT, "%-14s %7s %8d ms %6d ms | %10d ms %7d ms %7d ms | %13.1fx%n", s.engine().label(),
                    s.swapsSeen().size() + "/" + s.swapMillis().size(), Stats.median(s.swapsSeen()),
                    Stats.max(s.swapsSeen()), Stats.median(s.recordMillis()), Stats.percentile(s.recordMillis(), 99),
                    Stats.max(s.recordMillis()), s.ratio());
        }
        out.println();
        for (SwapResult s : w.swaps()) {
            out.printf(Locale.ROOT, "%s: a swap takes %d ms (median; max %d ms) = %.1fx one record's end-to-end "
                            + "latency (%d ms median) at %d records/s. Sent %d, scored %d, other outputs %d%s.%n",
                    s.engine().label(), Stats.median(s.swapsSeen()), Stats.max(s.swapsSeen()), s.ratio(),
                    Stats.median(s.recordMillis()), s.rate(), s.sent(), s.scored(), s.otherOutputs(),
                    s.complete() ? "" : " (INCOMPLETE)");
        }
    }

    private static String ratio(ThroughputResult r, ThroughputResult baseline,
                                ToDoubleFunction<ThroughputResult> metric) {
        if (baseline == null) {
            return "-";
        }
        double ratio = metric.applyAsDouble(r) / metric.applyAsDouble(baseline);
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "-";
    }
}
