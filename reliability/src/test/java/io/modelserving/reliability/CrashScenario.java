package io.modelserving.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One serve process, SIGKILLed at random moments while a stream of records comes in and restarted at once each
 * time, with a new model published before every kill: a restart must resume within seconds with the newest model,
 * and the guarantee must hold.
 */
final class CrashScenario {

    static final int RECORDS = Integer.getInteger("reliability.crash.records", 50_000);
    static final int RATE = Integer.getInteger("reliability.crash.rate", 1_500);
    static final int KILLS = 3;

    private CrashScenario() {
    }

    static Outcome run(Context context, String engine, String guarantee, long seed) throws Exception {
        Serve.Setup setup = context.setup("crash", engine, guarantee);
        Random random = new Random(seed);
        int version = 1;
        context.publishModel(setup, version);
        Serve serve = new Serve(setup, "instance-1", Serve.freePort(), List.of()).start()
                .awaitReady(Duration.ofSeconds(90));
        List<Restart> restarts = new ArrayList<>();
        try (Ledger ledger = new Ledger(setup.servers(), setup.topics())) {
            Load load = new Load(setup.servers(), setup.topics().topics().data(), RECORDS, RATE).start();
            for (int kill = 0; kill < KILLS; kill++) {
                // At a random moment of the kill's share of the stream, so every kill comes mid-stream.
                long at = (long) ((kill + 0.25 + 0.5 * random.nextDouble()) * RECORDS / (KILLS + 0.5));
                long publishAt = Math.max(0, at - random.nextInt(2 * RATE));   // before, during or after the swap
                awaitSent(load, publishAt);
                context.publishModel(setup, ++version);
                awaitSent(load, at);
                restarts.add(Restart.of(serve, ledger, version));
            }
            load.awaitDone();
            ledger.awaitAll(load.acknowledged(), Duration.ofSeconds(60));
            boolean alive = serve.alive();
            serve.stop();
            List<Ledger.Scoring> scorings = ledger.scorings();
            long stale = restarts.stream().mapToLong(r -> r.staleModelScorings(scorings)).sum();
            long missing = ledger.missing(load.acknowledged());
            Row row = new Row("crash", engine, guarantee, load.acknowledged().size(),
                    load.acknowledged().size() - missing, missing, ledger.duplicates(), KILLS,
                    Restart.resumeColumn(restarts), Restart.downP99Millis(restarts, scorings),
                    0, alive ? 0 : 1, serve.peakHeap() >> 20, serve.peakRss() >> 20,
                    "seed " + seed + "; newest model after every restart: "
                            + (stale == 0 ? "yes" : "no, " + stale + " records scored by an older one"));
            context.report.add(row);
            return new Outcome(row, restarts, stale, ledger.unreadable(), load.failed());
        }
    }

    private static void awaitSent(Load load, long records) throws InterruptedException {
        while (load.sent() < records) {
            Thread.sleep(10);
        }
    }

    /** What the test asserts on. */
    record Outcome(Row row, List<Restart> restarts, long staleModelScorings, long unreadable, long sendFailures) {
    }
}
