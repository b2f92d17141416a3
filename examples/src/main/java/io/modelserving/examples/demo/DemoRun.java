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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The whole system in one run: topics, serving on the chosen engine, a first model (ONNX), data streaming in,
 * a second model (PMML) mid-stream, a few malformed records; then every record accounted for and every score
 * checked against an independent computation.
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

    /** Runs the demo; true when every record was accounted for and every score checked out. */
    public boolean run() throws Exception {
        ServingTopics topics = options.topics();
        TopicSetup.ensure(options.bootstrapServers(), topics);
        out.println("Training the models (Tribuo → ONNX, least squares → PMML) …");
        DemoModels models = DemoModels.train(42);
        List<WineCsv.Row> rows = new WineGenerator(7).rows((int) Math.min(records, 5_000));

        try (ServingApp serving = ServingApp.start(engine, options);
             OutputTally tally = new OutputTally(options.bootstrapServers(), topics.scored(), topics.deadLetters());
             KafkaProducer<String, byte[]> producer = Clients.producer(options.bootstrapServers());
             Progress progress = new Progress(out, tally, records + MALFORMED)) {
            out.printf("Serving on %s, HTTP on http://localhost:%d (/models, /state/wine, /health, /metrics)%n",
                    engine.cliName(), serving.httpPort());
            ModelPublisher.publish(producer, topics.models(), models.first());
            out.println("Published model 1: " + DemoModels.FIRST + " (onnx)");
            awaitModel(serving, DemoModels.FIRST);

            long switchAt = records / 2;
            new DataPublisher(producer, topics.data(), Wine.DATA_TYPE, rate).publish(rows, 0, records, sent -> {
                progress.sent(sent);
                if (sent == switchAt) {
                    // Mid-stream, once model 1 has visibly scored: the output then shows both models at work.
                    awaitScoredBy(tally, DemoModels.FIRST);
                    ModelPublisher.publish(producer, topics.models(), models.second());
                    progress.note("published model 2: " + DemoModels.SECOND + " (pmml) after record " + sent);
                }
            });
            sendMalformed(producer, topics.data());
            progress.sent(records + MALFORMED);

            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (tally.accounted() < records + MALFORMED && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            progress.close();
            return summarize(tally, models);
        }
    }

    private void awaitScoredBy(OutputTally tally, String model) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (tally.scoredByModel().keySet().stream().noneMatch(m -> m.startsWith(model))
                && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until the first model serves, so the stream shows both models at work. */
    private void awaitModel(ServingApp serving, String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            ServingStats stats = serving.stats().get(Wine.DATA_TYPE);
            if (serving.ready() && stats != null && stats.model() != null && stats.model().name().equals(name)) {
                out.println("Model 1 is serving (loaded, checked and warmed up).");
                return;
            }
            Thread.sleep(50);
        }
        out.println("Model 1 is not serving yet; records will wait for it.");
    }

    private boolean summarize(OutputTally tally, DemoModels models) {
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
        out.printf("  the swap:            model 2 published after record %d; %s%n", records / 2,
                swapIsClean(scored) ? "in every partition, once a record was scored by model 2, every later one was too"
                        : "SOME PARTITION WENT BACK TO MODEL 1");
        out.printf("  failed scoring:      %d%n", tally.failedCount());
        out.printf("  dead-lettered:       %d%n", tally.deadLetterCount());
        tally.deadLetters().stream().limit(5).forEach(d -> out.println("    " + d));
        out.printf("  scores checked:      %d, %d differ from an independent computation%n", scored.size(), mismatches);
        if (!latencies.isEmpty()) {
            out.printf(Locale.ROOT, "  latency (send → scored): p50 %d ms, p99 %d ms%n",
                    latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)));
        }
        if (tally.scoredByModel().size() < 2) {
            out.println("  note: the records were consumed before model 2 was in; a lower --rate shows the switch.");
        }
        boolean ok = tally.accounted() == expectedOutputs && mismatches == 0 && swapIsClean(scored);
        out.println(ok ? "OK: every record accounted for, every score checked."
                : "FAILED: see above.");
        return ok;
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
