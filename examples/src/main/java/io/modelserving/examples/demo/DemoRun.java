package io.modelserving.examples.demo;

import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.DataPublisher;
import io.modelserving.examples.kafka.ModelPromotion;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.CandidateStats;
import io.modelserving.Features;
import io.modelserving.ModelRole;
import io.modelserving.ServingStats;
import io.modelserving.ShadowComparison;
import io.modelserving.kafka.ServingTopics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The whole system in one run: topics, serving on the chosen engine, a first model (ONNX), data streaming in,
 * a second model (PMML) mid-stream with a third (ONNX again) as its shadow, the shadow's agreement, its promotion
 * to primary, a few malformed records; then every record accounted for and every score checked against an
 * independent computation.
 *
 * <p>What a successful run guarantees, whatever the machine's speed: data is sent only once model 1 serves;
 * model 2 is published after the first {@link #swapAfter(long)} records, only once model 1 has scored one of
 * them, and every later record is sent only once model 2 serves and model 3 is loaded as its shadow. After
 * {@link #promoteAfter(long)} records, once all of them are accounted for, model 3 is promoted (as the
 * {@code promote} command does it) and the rest are sent once it serves. So the records keyed from
 * {@code swapAfter} to below {@code promoteAfter} are scored by model 2 with model 3 beside, and those from
 * {@code promoteAfter} on by model 3. Per partition the models go 1, 2, 3 and never back.
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
        if (records < 4) {
            throw new IllegalArgumentException("the demo needs at least 4 records, was " + records);
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

    /** The data records sent before model 3, model 2's shadow, is promoted; the rest follow once it serves. */
    public static long promoteAfter(long records) {
        long swap = swapAfter(records);
        return swap + (records - swap) / 2;
    }

    /**
     * Runs the demo; true when every record was accounted for and every score, the swap, the shadow and the
     * promotion checked out.
     */
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
            progress.note("Published model 1: " + DemoModels.FIRST_LABEL + " (onnx)");
            if (awaitModel(serving, DemoModels.FIRST_LABEL)) {
                progress.note("Model 1 is serving (loaded, checked and warmed up).");
            } else {
                progress.note("Model 1 is not serving yet; records will wait for it.");
            }

            Milestones seen = new Milestones();
            new DataPublisher(producer, topics.data(), Wine.DATA_TYPE, rate).publish(rows, 0, records, sent -> {
                progress.sent(sent);
                if (sent == swapAfter(records)) {
                    swapAndShadow(serving, tally, producer, topics, models, progress, seen);
                }
                if (sent == promoteAfter(records)) {
                    promoteShadow(serving, tally, producer, topics, progress, seen);
                }
            });
            sendMalformed(producer, topics.data());
            progress.sent(records + MALFORMED);

            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (tally.accounted() < records + MALFORMED && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            progress.close();
            return summarize(tally, models, seen);
        }
    }

    /** What the publisher saw at the swap and the promotion (set from its callback, on this thread). */
    private static final class Milestones {
        boolean firstScored;
        boolean secondServing;
        boolean shadowLoaded;
        boolean shadowedAccounted;
        ShadowComparison agreement;
        boolean thirdServing;
    }

    /** Mid-stream, once model 1 has visibly scored: model 2 as primary, then model 3 as its shadow. */
    private void swapAndShadow(ServingApp serving, OutputTally tally, KafkaProducer<String, byte[]> producer,
                               ServingTopics topics, DemoModels models, Progress progress, Milestones seen) {
        long sent = swapAfter(records);
        seen.firstScored = awaitScoredBy(tally, DemoModels.FIRST_LABEL);
        ModelPublisher.publish(producer, topics.models(), models.second());
        progress.note("published model 2: " + DemoModels.SECOND_LABEL + " (pmml) after record " + sent);
        // The rest waits until model 2 serves, so that it scores every one of them.
        seen.secondServing = awaitModel(serving, DemoModels.SECOND_LABEL);
        progress.note(seen.secondServing ? "model 2 is serving"
                : "model 2 is NOT serving after " + timeoutMillis + " ms; sending the rest anyway");
        ModelPublisher.publish(producer, topics.models(), models.third());
        progress.note("published model 3: " + DemoModels.THIRD_LABEL + " (onnx) as model 2's shadow");
        seen.shadowLoaded = awaitUntil(() -> shadow(serving).map(c -> c.model().label())
                .filter(DemoModels.THIRD_LABEL::equals).isPresent());
        progress.note(seen.shadowLoaded
                ? "model 3 is model 2's shadow; records from key " + sent + " on are sent after it"
                : "model 3 is NOT a shadow after " + timeoutMillis + " ms; sending the rest anyway");
    }

    /**
     * Once every record sent with the shadow beside is accounted for: its agreement from the serving stats, then
     * its promotion, through the same code as the {@code promote} command.
     */
    private void promoteShadow(ServingApp serving, OutputTally tally, KafkaProducer<String, byte[]> producer,
                               ServingTopics topics, Progress progress, Milestones seen) {
        long from = swapAfter(records);
        long sent = promoteAfter(records);
        long[] next = {from};
        seen.shadowedAccounted = awaitUntil(() -> {
            while (next[0] < sent && tally.accountedFor(Long.toString(next[0]))) {
                next[0]++;
            }
            return next[0] == sent;
        });
        seen.agreement = shadow(serving).map(CandidateStats::comparison).orElse(null);
        progress.note("model 3 as a shadow: " + agreement(seen.agreement));
        // tag::promote-shadow[]
        ModelPromotion.Promoted promoted = new ModelPromotion(options.kafka(), topics.models())
                .promote(producer, Wine.DATA_TYPE, Optional.of(ModelRole.SHADOW));
        // end::promote-shadow[]
        progress.note("promoted model 3 to primary after record " + sent + " (offset "
                + promoted.metadata().offset() + " of " + topics.models() + ")");
        seen.thirdServing = awaitModel(serving, DemoModels.THIRD_LABEL);
        progress.note(seen.thirdServing ? "model 3 is serving; records from key " + sent + " on are sent after it"
                : "model 3 is NOT serving after " + timeoutMillis + " ms; sending the rest anyway");
    }

    /** The data type's shadow as this instance's serving stats show it. */
    private static Optional<CandidateStats> shadow(ServingApp serving) {
        // tag::shadow-stats[]
        ServingStats stats = serving.stats().get(Wine.DATA_TYPE);
        Optional<CandidateStats> shadow = stats == null ? Optional.empty() : stats.candidate(ModelRole.SHADOW);
        // shadow.get().comparison(): records, compared, agreed, agreementRate(), timedOut, skipped, p99()
        // end::shadow-stats[]
        return shadow;
    }

    private static String agreement(ShadowComparison c) {
        if (c == null) {
            return "NO COMPARISON IN THE SERVING STATS";
        }
        return String.format(Locale.ROOT, "agreed on %d of %d compared records (%s), mean |difference| %.4f; "
                        + "%d failed, %d past the deadline, %d skipped; p99 %d µs", c.agreed(), c.compared(),
                Double.isNaN(c.agreementRate()) ? "no rate" : String.format(Locale.ROOT, "%.1f %%",
                        100 * c.agreementRate()), c.meanAbsoluteDifference(), c.failures(), c.timedOut(),
                c.skipped(), c.p99().toNanos() / 1_000);
    }

    /** Waits until some record was scored by the model of {@code label}; false when the timeout passes first. */
    private boolean awaitScoredBy(OutputTally tally, String label) {
        return awaitUntil(() -> tally.scoredByModel().containsKey(label));
    }

    /**
     * Waits until the model of this label ({@code name:version}) serves as primary (loaded, checked and warmed up);
     * false when the timeout passes first.
     */
    private boolean awaitModel(ServingApp serving, String label) {
        return awaitUntil(() -> {
            ServingStats stats = serving.stats().get(Wine.DATA_TYPE);
            return serving.ready() && stats != null && stats.model() != null && stats.model().label().equals(label);
        });
    }

    /** Waits until the condition holds; false when the timeout passes first. */
    private boolean awaitUntil(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() >= deadline || !pause(20)) {
                return false;
            }
        }
        return true;
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

    private boolean summarize(OutputTally tally, DemoModels models, Milestones seen) {
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
        for (Map.Entry<String, ?> e : new TreeMap<>(tally.scoredByModel()).entrySet()) {
            out.printf("  scored by %-22s %s%n", e.getKey() + ":", e.getValue());
        }
        long switchAt = swapAfter(records);
        long promoteAt = promoteAfter(records);
        DemoChecks checks = new DemoChecks(scored);
        List<String> notBySecond = checks.notScoredBy(switchAt, promoteAt, DemoModels.SECOND_LABEL,
                DemoModels.THIRD_LABEL);
        List<String> notByThird = checks.notScoredBy(promoteAt, records, DemoModels.THIRD_LABEL, null);
        boolean inOrder = checks.modelsInOrder(DemoModels.FIRST_LABEL, DemoModels.SECOND_LABEL,
                DemoModels.THIRD_LABEL);
        out.printf("  the swap:            model 2 published after record %d, once model 1 had scored; %s%n", switchAt,
                seen.firstScored ? "ok" : "MODEL 1 SCORED NOTHING BEFORE IT");
        out.printf("  the shadow:          records %d to %d scored by model 2 with model 3 beside: %s%n", switchAt,
                promoteAt - 1, !seen.secondServing ? "MODEL 2 NEVER SERVED"
                        : !seen.shadowLoaded ? "MODEL 3 NEVER LOADED AS A SHADOW"
                        : !seen.shadowedAccounted ? "NOT ALL ACCOUNTED FOR BEFORE THE PROMOTION"
                        : notBySecond.isEmpty() ? "all" : "NOT " + notBySecond.stream().limit(5).toList());
        out.printf("                       %s%n", agreement(seen.agreement));
        out.printf("  the promotion:       model 3 promoted after record %d; records from key %d on scored by it: %s%n",
                promoteAt, promoteAt, !seen.thirdServing ? "MODEL 3 NEVER SERVED"
                        : notByThird.isEmpty() ? "all" : "NOT " + notByThird.stream().limit(5).toList());
        out.printf("                       %s%n", inOrder
                ? "in every partition the models went 1, 2, 3 and never back"
                : "SOME PARTITION WENT BACK TO AN EARLIER MODEL");
        out.printf("  failed scoring:      %d%n", tally.failedCount());
        out.printf("  dead-lettered:       %d%n", tally.deadLetterCount());
        tally.deadLetters().stream().limit(5).forEach(d -> out.println("    " + d));
        out.printf("  scores checked:      %d, %d differ from an independent computation%n", scored.size(), mismatches);
        if (!latencies.isEmpty()) {
            out.printf(Locale.ROOT, "  latency (send → scored): p50 %d ms, p99 %d ms%n",
                    latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)));
        }
        boolean modelsOk = seen.firstScored && seen.secondServing && seen.shadowLoaded && seen.shadowedAccounted
                && seen.agreement != null && seen.thirdServing && notBySecond.isEmpty() && notByThird.isEmpty()
                && inOrder;
        boolean ok = tally.accounted() == expectedOutputs && mismatches == 0 && modelsOk;
        out.println(ok ? "OK: every record accounted for, every score checked."
                : "FAILED: see above.");
        return ok;
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
