package io.modelserving.examples.demo;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's progress. On a terminal, one line redrawn in place twice a second; anywhere else (a log file, a pipe,
 * a CI job) a plain line every {@value #PLAIN_PERIOD_MS} ms, so that the output reads as lines instead of carriage
 * returns. Notes are printed on lines of their own in both.
 */
final class Progress implements AutoCloseable {

    static final long LIVE_PERIOD_MS = 500;
    static final long PLAIN_PERIOD_MS = 5_000;
    private static final int LINE_WIDTH = 110;

    /** What the progress line reports: {@link OutputTally} in the demo. */
    interface Counts {
        long accounted();

        long scoredCount();

        long failedCount();

        long deadLetterCount();

        String lastModel();
    }

    private final PrintStream out;
    private final Counts counts;
    private final long expected;
    private final boolean live;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-progress");
        t.setDaemon(true);
        return t;
    });
    private volatile long sent;
    private long lastAccounted;
    private long lastAt = System.nanoTime();
    private boolean lineOpen;

    /** Redrawn in place when {@code out} is the standard output and that is a terminal; plain lines otherwise. */
    static Progress start(PrintStream out, Counts counts, long expected) {
        boolean live = out == System.out && isTerminal();
        return new Progress(out, counts, expected, live, live ? LIVE_PERIOD_MS : PLAIN_PERIOD_MS);
    }

    Progress(PrintStream out, Counts counts, long expected, boolean live, long periodMillis) {
        this.out = out;
        this.counts = counts;
        this.expected = expected;
        this.live = live;
        timer.scheduleAtFixedRate(this::draw, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void sent(long count) {
        sent = count;
    }

    synchronized void note(String text) {
        clearLine();
        out.println(text);
    }

    private synchronized void draw() {
        long now = System.nanoTime();
        long accounted = counts.accounted();
        double rate = (accounted - lastAccounted) / ((now - lastAt) / 1e9);
        lastAccounted = accounted;
        lastAt = now;
        String line = String.format(Locale.ROOT,
                "[%5.1fs] sent %d/%d | scored %d | failed %d | dead-lettered %d | %,.0f rec/s | model %s",
                (now - start) / 1e9, sent, expected, counts.scoredCount(), counts.failedCount(),
                counts.deadLetterCount(), rate, counts.lastModel());
        if (live) {
            out.print("\r" + line + "   ");
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    private void clearLine() {
        if (lineOpen) {
            out.print("\r" + " ".repeat(LINE_WIDTH) + "\r");
            lineOpen = false;
        }
    }

    @Override
    public synchronized void close() {
        if (!timer.isShutdown()) {
            timer.shutdownNow();
            draw();
            if (lineOpen) {
                out.println();
                lineOpen = false;
            }
        }
    }

    /**
     * Whether the standard output is a terminal. Before Java 22 a console exists only then; from Java 22 on it may
     * exist for a redirected output too, and {@code Console.isTerminal()} says.
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17 to 21: a console at all means a terminal
        }
    }
}
