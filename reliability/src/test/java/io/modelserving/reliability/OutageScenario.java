package io.modelserving.reliability;

import java.time.Duration;
import java.util.List;

/**
 * The broker stops for about ten seconds mid-stream and starts again on the same log directory: the serve process
 * must recover by itself, say DOWN on {@code /health} meanwhile and UP again after, and the guarantee must hold.
 */
final class OutageScenario {

    static final int RECORDS = Integer.getInteger("reliability.outage.records", 20_000);
    static final int RATE = Integer.getInteger("reliability.outage.rate", 1_000);
    static final Duration OUTAGE = Duration.ofSeconds(10);

    private OutageScenario() {
    }

    static Outcome run(Context context, String engine, String guarantee) throws Exception {
        Serve.Setup setup = context.setup("outage", engine, guarantee);
        context.publishModel(setup, 1);
        Serve serve = new Serve(setup, "instance-1", Serve.freePort(), List.of()).start()
                .awaitReady(Duration.ofSeconds(90));
        try (Ledger ledger = new Ledger(setup.servers(), setup.topics());
             HealthWatch health = new HealthWatch(serve.httpPort())) {
            Load load = new Load(setup.servers(), setup.topics().topics().data(), RECORDS, RATE).start();
            Thread.sleep(5_000);
            long stoppedAt = System.currentTimeMillis();
            context.broker.stop();
            Thread.sleep(OUTAGE.toMillis());
            context.broker.start();
            long backAt = System.currentTimeMillis();
            load.awaitDone();
            ledger.awaitAll(load.acknowledged(), Duration.ofSeconds(90));
            boolean upAgain = health.awaitUp(Duration.ofSeconds(60));
            boolean alive = serve.alive();
            serve.stop();
            long missing = ledger.missing(load.acknowledged());
            boolean down = health.sawDownBetween(stoppedAt, backAt + 5_000);
            Row row = new Row("broker outage", engine, guarantee, load.acknowledged().size(),
                    load.acknowledged().size() - missing, missing, ledger.duplicates(), 0, "-", -1, 0, alive ? 0 : 1,
                    serve.peakHeap() >> 20, serve.peakRss() >> 20,
                    String.format("broker down %.0f s; /health %s during it, %s after", (backAt - stoppedAt) / 1000.0,
                            down ? "DOWN" : "never DOWN", upAgain ? "UP" : "not UP"));
            context.report.add(row);
            return new Outcome(row, down, upAgain, alive, ledger.unreadable());
        } finally {
            if (serve.alive()) {
                serve.stop();
            }
        }
    }

    /** What the test asserts on. */
    record Outcome(Row row, boolean downDuringOutage, boolean upAfter, boolean alive, long unreadable) {
    }
}
