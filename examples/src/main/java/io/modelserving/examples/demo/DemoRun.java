package io.modelserving.examples.demo;

import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.DataPublisher;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.Features;
import io.modelserving.ServingStats;
import io.modelserving.kafka.ServingTopics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The whole system in one run: topics, serving on the chosen engine, a first model (ONNX), data streaming in,
 * a second model (PMML) mid-stream, a few malformed records; then every record accounted for and every score
 * checked against an independent computation.
 *
 * <p>What a successful run guarantees, whatever the machine's speed: data is sent only once model 1 serves;
 * model 2 is published after the first {@link #swapAfter(long)} records, only once model 1 has scored one of
 * them, and every later record is sent only once model 2 serves, so the records keyed {@code swapAfter(records)}
 * and above are all scored by model 2. Per partition, once a record is scored by model 2, every later one is.
 */
public final class DemoRun {

    /** Malformed records sent on purpose, to show the dead-letter topic at work. */
    static final int MALFORMED = 3;
    private static final double TOLERANCE = 1e-3; // ONNX Runtime computes in float32

    private final ServingApp.Engine engine;
    private final ServingOptions options;
    private final long records;
    private final double rate;
    private final long timeoutMillis;
    private final PrintStream out;

    public DemoRun(ServingApp.Engine engine, ServingOptions options, long records, double rate, long timeoutMillis,
                   PrintStream out) {
        if (records < 2) {
            throw new IllegalArgumentException("the demo needs at least 2 records, was " + records);
        }
        this.engine = engine;
        this.options = options;
        this.records = records;
        this.rate = rate;
        this.timeoutMillis = timeoutMillis;
        this.out = out;
    }

    /** The data records (keys {@code 0 … n-1}) sent before model 2 is published; the rest follow once it serves. */
    public static long swapAfter(long records) {
        return records / 2;
    }

    /** Runs the demo; true when every record was accounted for and every score and the swap checked out. */
    public boolean run() throws Exception {
        ServingTopics topics = options.topics();
        TopicSetup.ensure(options.kafka(), topics, Optional.empty());
        out.println("Training the models (Tribuo → ONNX, least squares → PMML) …");
        DemoModels models = DemoModels.train(42);
        List<WineCsv.Row> rows = new WineGenerator(7).rows((int) Math.min(records, 5_000));

        try (ServingApp serving = ServingApp.start(engine, options);
             OutputTally tally = new OutputTally(options.kafka(), topics.scored(), topics.deadLetters());
             KafkaProducer<String, byte[]> producer = Clients.producer(options.kafka());
             Progress progress = Progress.start(out, tally, records + MALFORMED)) {
            out.printf("Serving on %s, HTTP on http://localhost:%d (/models, /state/wine, /health, /metrics)%n",
                    engine.cliName(), serving.httpPort());
            ModelPublisher.publish(producer, topics.models(), models.first());
            progress.note("Published model 1: " + DemoModels.FIRST + " (onnx)");
            if (awaitModel(serving, DemoModels.FIRST)) {
                progress.note("Model 1 is serving (loaded, checked and warmed up).");
            } else {
                progress.note("Model 1 is not serving yet; records will wait for it.");
            }

            long switchAt = swapAfter(records);
            Swap swap = new Swap();
            new DataPublisher(producer, topics.data(), Wine.DATA_TYPE, rate).publish(rows, 0, records, sent -> {
                progress.sent(sent);
                if (sent == switchAt) {
                    // Mid-stream, once model 1 has visibly scored: the output then shows both models at work.
                    swap.firstScored = awaitScoredBy(tally, DemoModels.FIRST);
                    ModelPublisher.publish(producer, topics.models(), models.second());
                    progress.note("published model 2: " + DemoModels.SECOND + " (pmml) after record " + sent);
                    // The rest waits until model 2 serves, so that it scores every one of them.
                    swap.secondServing = awaitModel(serving, DemoModels.SECOND);
                    progress.note(swap.secondServing
                            ? "model 2 is serving; records from key " + sent + " on are sent after it"
                            : "model 2 is NOT serving after " + timeoutMillis + " ms; sending the rest anyway");
                }
            });
            sendMalformed(producer, topics.data());
            progress.sent(records + MALFORMED);

            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (tally.accounted() < records + MALFORMED && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            progress.close();
            return summarize(tally, models, swap);
        }
    }

    /** What the publisher saw at the swap (set from its callback, on this thread). */
    private static final class Swap {
        boolean firstScored;
        boolean secondServing;
    }

    /** Waits until some record was scored by {@code model}; false when the timeout passes first. */
    private boolean awaitScoredBy(OutputTally tally, String model) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (tally.scoredByModel().keySet().stream().noneMatch(m -> m.startsWith(model))) {
            if (System.currentTimeMillis() >= deadline || !pause(20)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the named model serves (loaded, checked and warmed up); false when the timeout passes first. */
    private boolean awaitModel(ServingApp serving, String name) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            ServingStats stats = serving.stats().get(Wine.DATA_TYPE);
            if (serving.ready() && stats != null && stats.model() != null && stats.model().name().equals(name)) {
                return true;
            }
            if (System.currentTimeMillis() >= deadline || !pause(50)) {
                return false;
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean summarize(OutputTally tally, DemoModels models, Swap swap) {
        List<OutputTally.Scored> scored = tally.scoredRecords();
        int mismatches = 0;
        List<Long> latencies = new ArrayList<>();
        for (OutputTally.Scored s : scored) {
            if (Math.abs(s.score() - models.expected(s.model(), s.input())) > TOLERANCE) {
                if (mismatches++ < 5) {
                    out.printf("  score mismatch for key %s: %s gave %.6f, expected %.6f%n", s.key(), s.model(),
                            s.score(), models.expected(s.model(), s.input()));
                }
            }
            if (s.latencyMs() >= 0) {
                latencies.add(s.latencyMs());
            }
        }
        latencies.sort(null);
        long expectedOutputs = records + MALFORMED;
        out.println();
        out.println("Summary");
        out.printf("  records sent:        %d data + %d malformed%n", records, MALFORMED);
        out.printf("  accounted for:       %d of %d (%d duplicates)%n", tally.accounted(), expectedOutputs,
                tally.duplicateCount());
        for (Map.Entry<String, ?> e : new java.util.TreeMap<>(tally.scoredByModel()).entrySet()) {
            out.printf("  scored by %-22s %s%n", e.getKey() + ":", e.getValue());
        }
        long switchAt = swapAfter(records);
        List<String> lateByFirst = scoredByFirstFrom(scored, switchAt);
        boolean swapOk = swap.firstScored && swap.secondServing && lateByFirst.isEmpty() && swapIsClean(scored);
        out.printf("  the swap:            model 2 published after record %d, once model 1 had scored; %s%n", switchAt,
                swap.firstScored ? "ok" : "MODEL 1 SCORED NOTHING BEFORE IT");
        out.printf("                       records from key %d on scored by model 2: %s%n", switchAt,
                !swap.secondServing ? "MODEL 2 NEVER SERVED"
                        : lateByFirst.isEmpty() ? "all" : "NOT " + lateByFirst.stream().limit(5).toList());
        out.printf("                       %s%n", swapIsClean(scored)
                ? "in every partition, once a record was scored by model 2, every later one was too"
                : "SOME PARTITION WENT BACK TO MODEL 1");
        out.printf("  failed scoring:      %d%n", tally.failedCount());
        out.printf("  dead-lettered:       %d%n", tally.deadLetterCount());
        tally.deadLetters().stream().limit(5).forEach(d -> out.println("    " + d));
        out.printf("  scores checked:      %d, %d differ from an independent computation%n", scored.size(), mismatches);
        if (!latencies.isEmpty()) {
            out.printf(Locale.ROOT, "  latency (send → scored): p50 %d ms, p99 %d ms%n",
                    latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)));
        }
        boolean ok = tally.accounted() == expectedOutputs && mismatches == 0 && swapOk;
        out.println(ok ? "OK: every record accounted for, every score checked."
                : "FAILED: see above.");
        return ok;
    }

    /** Keys of data records sent after model 2 served ({@code key >= switchAt}) that model 1 scored. */
    private static List<String> scoredByFirstFrom(List<OutputTally.Scored> scored, long switchAt) {
        return scored.stream()
                .filter(s -> dataKey(s.key()) >= switchAt && !s.model().startsWith(DemoModels.SECOND))
                .map(OutputTally.Scored::key)
                .sorted()
                .toList();
    }

    /** The row number a data record is keyed by; -1 for any other key. */
    private static long dataKey(String key) {
        try {
            return key == null ? -1 : Long.parseLong(key);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Per partition, in offset order, the models must go 1 … 1 2 … 2: a swap never goes back. */
    private static boolean swapIsClean(List<OutputTally.Scored> scored) {
        Map<Integer, List<OutputTally.Scored>> byPartition = new java.util.HashMap<>();
        scored.forEach(s -> byPartition.computeIfAbsent(s.partition(), p -> new ArrayList<>()).add(s));
        for (List<OutputTally.Scored> partition : byPartition.values()) {
            partition.sort(java.util.Comparator.comparingLong(OutputTally.Scored::offset));
            boolean second = false;
            for (OutputTally.Scored s : partition) {
                boolean isSecond = s.model().startsWith(DemoModels.SECOND);
                if (second && !isSecond) {
                    return false;
                }
                second |= isSecond;
            }
        }
        return true;
    }

    /** Garbage bytes, a truncated record and a NaN feature: each must reach the dead-letter topic. */
    private void sendMalformed(KafkaProducer<String, byte[]> producer, String topic) {
        byte[] valid = WineRecordCodec.toWire(Features.of(Wine.DATA_TYPE, Wine.FEATURES,
                new WineGenerator(1).next().features()), System.currentTimeMillis()).toByteArray();
        double[] nan = new WineGenerator(2).next().features();
        nan[3] = Double.NaN;
        producer.send(new ProducerRecord<>(topic, "malformed-garbage", "not a wine record".getBytes()));
        producer.send(new ProducerRecord<>(topic, "malformed-truncated", java.util.Arrays.copyOf(valid, valid.length - 4)));
        producer.send(new ProducerRecord<>(topic, "malformed-nan", WineRecordCodec.toWire(
                Features.of(Wine.DATA_TYPE, Wine.FEATURES, nan), System.currentTimeMillis()).toByteArray()));
        producer.flush();
    }
}
