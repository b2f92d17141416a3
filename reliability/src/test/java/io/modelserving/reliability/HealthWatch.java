package io.modelserving.reliability;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Polls {@code GET /health} of a serve process four times a second and remembers when it said DOWN. */
final class HealthWatch implements AutoCloseable {

    private final int port;
    private final ConcurrentLinkedQueue<Long> downAt = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    HealthWatch(int port) {
        this.port = port;
        thread = new Thread(this::run, "health-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long now = System.currentTimeMillis();
            if (!Http.up(port)) {
                downAt.add(now);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    boolean sawDownBetween(long from, long to) {
        return downAt.stream().anyMatch(t -> t >= from && t <= to);
    }

    boolean awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Http.up(port)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
