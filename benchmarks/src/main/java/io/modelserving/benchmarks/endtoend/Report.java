package io.modelserving.benchmarks.endtoend;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Prints the results as two tables, each measured pipeline next to the baselines of the same run. */
final class Report {

    private Report() {
    }

    static void print(Results results, PrintStream out) {
        BenchmarkOptions options = results.options();
        out.println();
        out.printf(Locale.ROOT, "Throughput: %,d records pre-loaded, %d partitions, at-least-once, one in-JVM broker%n",
                options.records(), options.partitions());
        out.println("  'from start' includes start-up (group join, model load); 'running' is first to last output.");
        out.println("  x = ratio to the baseline of the same run (1.00 = as fast).");
        out.printf(Locale.ROOT, "%-38s %8s %6s %9s %9s | %9s %7s %7s | %9s %7s %7s%n", "pipeline", "outputs",
                "dead", "first ms", "last ms", "rec/s", "x pass", "x loop", "running/s", "x pass", "x loop");
        ThroughputResult pass = results.throughputOf(PipelineKind.STREAMS_PASS_THROUGH).orElse(null);
        ThroughputResult loop = results.throughputOf(PipelineKind.CONSUMER_LOOP).orElse(null);
        for (ThroughputResult r : results.throughput()) {
            out.printf(Locale.ROOT, "%-38s %8d %6d %9d %9d | %9.0f %7s %7s | %9.0f %7s %7s%s%n", r.kind().label(),
                    r.outputs(), r.deadLetters(), r.startupMillis(), r.totalMillis(),
                    r.recordsPerSecond(), ratio(r, pass, ThroughputResult::recordsPerSecond),
                    ratio(r, loop, ThroughputResult::recordsPerSecond), r.steadyRecordsPerSecond(),
                    ratio(r, pass, ThroughputResult::steadyRecordsPerSecond),
                    ratio(r, loop, ThroughputResult::steadyRecordsPerSecond),
                    r.complete() ? "" : "  INCOMPLETE: " + r.outputs() + " of " + r.records() + " outputs");
        }
        if (results.swaps().isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "Model swap: %d rounds per engine, data at %d records/s; "
                + "swap = model acknowledged -> first record scored by it;%n", options.rounds(), options.rate());
        out.println("  record = data record sent -> its scored record appended (the baseline, same run).");
        out.printf(Locale.ROOT, "%-14s %7s %11s %9s | %13s %10s %10s | %14s%n", "engine", "rounds", "swap median",
                "swap max", "record median", "record p99", "record max", "swap / record");
        for (SwapResult s : results.swaps()) {
            out.printf(Locale.ROOT, "%-14s %7s %8d ms %6d ms | %10d ms %7d ms %7d ms | %13.1fx%n", s.engine().label(),
                    s.swapsSeen().size() + "/" + s.swapMillis().size(), Stats.median(s.swapsSeen()),
                    Stats.max(s.swapsSeen()), Stats.median(s.recordMillis()), Stats.percentile(s.recordMillis(), 99),
                    Stats.max(s.recordMillis()), s.ratio());
        }
        out.println();
        for (SwapResult s : results.swaps()) {
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
