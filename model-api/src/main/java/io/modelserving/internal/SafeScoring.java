package io.modelserving.internal;

import io.modelserving.ScoringResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calls a model the way every record is scored, in whichever role: never throwing for what the model does, a
 * batch call first and one call per record when the batch call fails, each result checked, the model's counters
 * updated.
 */
public final class SafeScoring<I, O> {

    private final boolean checkFinite;

    /** @param checkFinite whether a NaN or infinite result is a failure */
    public SafeScoring(boolean checkFinite) {
        this.checkFinite = checkFinite;
    }

    /**
     * One result per record of {@code group}, in order. Records go to {@link io.modelserving.Model#scoreBatch} in one
     * call; if that call fails (or returns a null or the wrong number of results), each record is scored on its
     * own, so one bad record fails alone.
     */
    public List<ScoringResult<O>> score(ServedModel<I, O> served, String dataType, List<I> group) {
        if (group.size() == 1) {
            return List.of(scoreOne(served, dataType, group.get(0)));
        }
        long start = System.nanoTime();
        List<O> outputs = null;
        try {
            List<O> batch = served.model().scoreBatch(group);
            // A loop, not contains(null): immutable lists such as List.of(..) throw on contains(null).
            if (batch != null && batch.size() == group.size() && hasNoNull(batch)) {
                outputs = batch;
            }
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
        }
        List<ScoringResult<O>> results = new ArrayList<>(group.size());
        if (outputs == null) {
            for (I record : group) {
                results.add(scoreOne(served, dataType, record));
            }
            return results;
        }
        long perRecord = (System.nanoTime() - start) / group.size();
        int failed = 0;
        for (O output : outputs) {
            Optional<String> problem = problem(output);
            if (problem.isPresent()) {
                failed++;
                results.add(new ScoringResult.Failed<>(dataType, problem.get(), served.info(), perRecord));
            } else {
                results.add(new ScoringResult.Scored<>(dataType, output, served.info(), perRecord));
            }
        }
        served.record(group.size(), failed, perRecord * group.size());
        return results;
    }

    private ScoringResult<O> scoreOne(ServedModel<I, O> served, String dataType, I record) {
        long start = System.nanoTime();
        try {
            O output = served.model().score(record);
            long nanos = System.nanoTime() - start;
            if (output == null) {
                served.record(1, 1, nanos);
                return new ScoringResult.Failed<>(dataType, "model returned no result", served.info(), nanos);
            }
            Optional<String> problem = problem(output);
            if (problem.isPresent()) {
                served.record(1, 1, nanos);
                return new ScoringResult.Failed<>(dataType, problem.get(), served.info(), nanos);
            }
            served.record(1, 0, nanos);
            return new ScoringResult.Scored<>(dataType, output, served.info(), nanos);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            long nanos = System.nanoTime() - start;
            served.record(1, 1, nanos);
            return new ScoringResult.Failed<>(dataType, Failures.reason(t), served.info(), nanos);
        }
    }

    private Optional<String> problem(O output) {
        return checkFinite ? FiniteResults.problem(output) : Optional.empty();
    }

    private static boolean hasNoNull(List<?> outputs) {
        for (Object output : outputs) {
            if (output == null) {
                return false;
            }
        }
        return true;
    }
}
