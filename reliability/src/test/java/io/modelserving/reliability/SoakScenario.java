package io.modelserving.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A steady high rate for minutes with a model swap every ten seconds: after warm-up the heap (after a full GC)
 * and the resident set must stay flat, and the consumer must catch up to the last record.
 */
final class SoakScenario {

    static final int SECONDS = Integer.getInteger("reliability.soak.seconds", 120);
    static final int RATE = Integer.getInteger("reliability.soak.rate", 4_000);
    static final Duration WARM_UP = Duration.ofSeconds(30);

    private SoakScenario() {
    }

    static Outcome run(Context context, String engine) throws Exception {
        Serve.Setup setup = context.setup("soak", engine, "at-least-once");
        int version = 1;
        context.publishModel(setup, version);
        Serve serve = new Serve(setup, "instance-1", Serve.freePort(), List.of()).start()
                .awaitReady(Duration.ofSeconds(90));
        try (Ledger ledger = new Ledger(setup.servers(), setup.topics())) {
            Load load = new Load(setup.servers(), setup.topics().topics().data(), SECONDS * RATE, RATE).start();
            long start = System.nanoTime();
            Memory warm = null;
            while (System.nanoTime() - start < Duration.ofSeconds(SECONDS).toNanos()) {
                Thread.sleep(10_000);
                context.publishModel(setup, ++version);
                if (warm == null && System.nanoTime() - start >= WARM_UP.toNanos()) {
                    warm = Memory.of(serve);
                }
            }
            load.awaitDone();
            ledger.awaitAll(load.acknowledged(), Duration.ofSeconds(60));
            Memory end = Memory.of(serve);
            boolean alive = serve.alive();
            serve.stop();
            long missing = ledger.missing(load.acknowledged());
            Row row = new Row("soak " + SECONDS + " s at " + RATE + "/s", engine, "at-least-once",
                    load.acknowledged().size(), load.acknowledged().size() - missing, missing, ledger.duplicates(), 0,
                    "-", -1, 0, alive ? 0 : 1, serve.peakHeap() >> 20, serve.peakRss() >> 20,
                    (version - 1) + " swaps; heap after GC " + (warm.heap >> 20) + " → " + (end.heap >> 20)
                            + " MB, RSS " + (warm.rss >> 20) + " → " + (end.rss >> 20) + " MB; lag 0: "
                            + (missing == 0 ? "yes" : "no"));
            context.report.add(row);
            return new Outcome(row, warm, end, alive);
        } finally {
            if (serve.alive()) {
                serve.stop();
            }
        }
    }

    /** Heap in use right after a full GC, and the resident set, of a serve process. */
    record Memory(long heap, long rss) {

        static Memory of(Serve serve) throws IOException, InterruptedException {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(serve.pid()), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor();
            return new Memory(Http.heapUsedBytes(serve.httpPort()), rss(serve.pid()));
        }

        private static long rss(long pid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return 0;
        }
    }

    /** What the test asserts on. */
    record Outcome(Row row, Memory warm, Memory end, boolean alive) {
    }
}
