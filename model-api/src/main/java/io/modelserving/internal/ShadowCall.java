package io.modelserving.internal;

import io.modelserving.ModelInfo;
import io.modelserving.ResultComparison;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One batch given to a data type's shadow: scored on a shadow thread while the served model scores the same
 * records, then compared with what was served, record by record, waiting for it at most until a deadline.
 */
public final class ShadowCall<I, O> {

    private final String dataType;
    private final ModelInfo shadow;
    private final ShadowStats stats;
    private final List<Integer> indexes;
    private final Duration deadline;
    private final CompletableFuture<List<ScoringResult<O>>> run;

    /**
     * Gives the records {@code records} at {@code indexes} to {@code model}, whose reference the call takes over;
     * when every shadow thread is busy they are not given to it, and counted as skipped.
     */
    public ShadowCall(String dataType, ServedModel<I, O> model, List<Integer> indexes, List<I> records,
                      SafeScoring<I, O> scoring, ShadowRunner runner, Duration deadline) {
        this.dataType = dataType;
        this.shadow = model.info();
        this.stats = model.shadowStats();
        this.indexes = indexes;
        this.deadline = deadline;
        List<I> group = indexes.stream().map(records::get).toList();
        stats.offered(group.size());
        this.run = runner.submit(() -> {
            try {
                List<ScoringResult<O>> scored = scoring.score(model, dataType, group);
                scored.forEach(result -> stats.took(durationOf(result), 1));
                return scored;
            } finally {
                model.release();
            }
        });
        if (run == null) {
            model.release();
            stats.skipped(group.size());
        }
    }

    /**
     * Sets {@code shadows[i]} for every record given to the shadow, compared with {@code served[i]} by
     * {@code comparison}, once its result is in or {@code deadlineNanos} (of {@link System#nanoTime}) has passed.
     */
    public void collect(long deadlineNanos, ScoringResult<O>[] served, ShadowResult<O>[] shadows,
                        ResultComparison<O> comparison) {
        if (run == null) {
            failed(shadows, ShadowResult.Status.SKIPPED, "not scored: every shadow thread was busy");
            return;
        }
        List<ScoringResult<O>> scored;
        try {
            scored = run.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stats.timedOut(indexes.size());
            failed(shadows, ShadowResult.Status.TIMED_OUT, "not waited for: the shadow took longer than its deadline"
                    + " of " + deadline.toMillis() + " ms");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(shadows, ShadowResult.Status.TIMED_OUT, "not waited for: the scoring thread was interrupted");
            return;
        } catch (ExecutionException e) {
            failed(shadows, ShadowResult.Status.FAILED, "the shadow call failed: " + Failures.reason(e.getCause()));
            return;
        }
        for (int i = 0; i < indexes.size(); i++) {
            int index = indexes.get(i);
            shadows[index] = compared(served[index], scored.get(i), comparison);
        }
    }

    private ShadowResult<O> compared(ScoringResult<O> served, ScoringResult<O> result,
                                     ResultComparison<O> comparison) {
        if (served instanceof ScoringResult.Scored<O> a && result instanceof ScoringResult.Scored<O> b) {
            ResultComparison.Outcome outcome;
            try {
                outcome = Objects.requireNonNull(comparison.compare(a.value(), b.value()), "comparison");
            } catch (RuntimeException e) {
                return new ShadowResult<>(shadow, result, false, false, Double.NaN);
            }
            stats.compared(outcome);
            return new ShadowResult<>(shadow, result, true, outcome.agrees(), outcome.difference());
        }
        return new ShadowResult<>(shadow, result, false, false, Double.NaN);
    }

    private void failed(ShadowResult<O>[] shadows, ShadowResult.Status status, String reason) {
        for (int index : indexes) {
            shadows[index] = new ShadowResult<>(shadow, new ScoringResult.Failed<>(dataType, reason, shadow, 0),
                    false, false, Double.NaN, status);
        }
    }

    private static long durationOf(ScoringResult<?> result) {
        if (result instanceof ScoringResult.Scored<?> scored) {
            return scored.durationNanos();
        }
        return result instanceof ScoringResult.Failed<?> failed ? failed.durationNanos() : 0;
    }
}
