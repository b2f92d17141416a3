package io.modelserving.examples.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A live one-line progress report, redrawn twice a second; notes are printed on lines of their own. */
final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final OutputTally tally;
    private final long expected;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-progress");
        t.setDaemon(true);
        return t;
    });
    private volatile long sent;
    private long lastAccounted;
    private long lastAt = System.nanoTime();
    private double rate;

    Progress(PrintStream out, OutputTally tally, long expected) {
        this.out = out;
        this.tally = tally;
        this.expected = expected;
        timer.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
    }

    void sent(long count) {
        sent = count;
    }

    synchronized void note(String text) {
        out.print("\r" + " ".repeat(110) + "\r");
        out.println(text);
    }

    private synchronized void draw() {
        long now = System.nanoTime();
        long accounted = tally.accounted();
        rate = (accounted - lastAccounted) / ((now - lastAt) / 1e9);
        lastAccounted = accounted;
        lastAt = now;
        out.print(String.format(Locale.ROOT,
                "\r[%5.1fs] sent %d/%d | scored %d | failed %d | dead-lettered %d | %,.0f rec/s | model %s   ",
                (now - start) / 1e9, sent, expected, tally.scoredCount(), tally.failedCount(),
                tally.deadLetterCount(), rate, tally.lastModel()));
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (!timer.isShutdown()) {
            timer.shutdownNow();
            draw();
            out.println();
        }
    }
}
