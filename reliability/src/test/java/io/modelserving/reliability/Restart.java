package io.modelserving.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One SIGKILL and immediate restart of a serve process: when it was killed, when the new process started, when
 * the new process scored its first record, and the newest model version published before the kill.
 *
 * @param resumedAt -1 when the new process scored nothing within the wait
 */
record Restart(long killedAt, long restartedAt, long resumedAt, int latestVersion) {

    /** Kills {@code serve} and starts it again at once; waits for its first scored record. */
    static Restart of(Serve serve, Ledger ledger, int latestVersion) throws Exception {
        long killedAt = System.currentTimeMillis();
        serve.kill();
        long restartedAt = System.currentTimeMillis();
        serve.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            long first = ledger.scorings().stream().mapToLong(Ledger.Scoring::scoredAt).filter(t -> t > killedAt)
                    .min().orElse(-1);
            if (first > 0) {
                return new Restart(killedAt, restartedAt, first, latestVersion);
            }
            Thread.sleep(100);
        }
        return new Restart(killedAt, restartedAt, -1, latestVersion);
    }

    /** Seconds from restart to first scored record; NaN if it never resumed. */
    double resumeSeconds() {
        return resumedAt < 0 ? Double.NaN : (resumedAt - restartedAt) / 1000.0;
    }

    /** Records scored after the kill (so by a later process) with a model older than the newest before it. */
    long staleModelScorings(List<Ledger.Scoring> scorings) {
        return scorings.stream().filter(s -> s.scoredAt() > killedAt)
                .filter(s -> Integer.parseInt(s.modelVersion()) < latestVersion).count();
    }

    static String resumeColumn(List<Restart> restarts) {
        return restarts.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.resumeSeconds()))
                .collect(Collectors.joining(" / "));
    }

    /** p99 send-to-scored latency, in ms, of the records sent between a kill and the new process's first score. */
    static long downP99Millis(List<Restart> restarts, List<Ledger.Scoring> scorings) {
        long[] latencies = scorings.stream()
                .filter(s -> restarts.stream().anyMatch(r -> s.sentAt() >= r.killedAt()
                        && (r.resumedAt() < 0 || s.sentAt() <= r.resumedAt())))
                .mapToLong(s -> s.scoredAt() - s.sentAt()).sorted().toArray();
        return latencies.length == 0 ? -1 : latencies[(int) Math.ceil(latencies.length * 0.99) - 1];
    }
}
