package io.modelserving;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of how one data type is being served.
 *
 * <p>Scoring counters and times cover the current model only (they restart at each swap, as in the original
 * tutorial); update counters cover the data type's whole life.
 *
 * @param dataType         the data type
 * @param model            the current model; null when none has been accepted yet
 * @param invocations      records scored by the current model, failures included
 * @param failures         records the current model failed on
 * @param noModel          records that arrived before any model (whole life)
 * @param totalNanos       time spent scoring with the current model
 * @param minNanos         fastest scoring call; 0 before the first
 * @param maxNanos         slowest scoring call
 * @param updatesAccepted  models accepted
 * @param updatesRejected  models rejected
 * @param lastRejection    reason of the latest rejection; empty when none
 * @param candidates       the data type's shadow and canary models, if any, each with its own counters
 */
public record ServingStats(String dataType, ModelInfo model, long invocations, long failures, long noModel,
                           long totalNanos, long minNanos, long maxNanos, long updatesAccepted,
                           long updatesRejected, String lastRejection, List<CandidateStats> candidates) {

    public ServingStats {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** Stats of a data type with a primary model only. */
    public ServingStats(String dataType, ModelInfo model, long invocations, long failures, long noModel,
                        long totalNanos, long minNanos, long maxNanos, long updatesAccepted, long updatesRejected,
                        String lastRejection) {
        this(dataType, model, invocations, failures, noModel, totalNanos, minNanos, maxNanos, updatesAccepted,
                updatesRejected, lastRejection, List.of());
    }

    /** The stats of the data type's model in {@code role}, when it has one. */
    public Optional<CandidateStats> candidate(ModelRole role) {
        return candidates.stream().filter(candidate -> candidate.role() == role).findFirst();
    }

    public Optional<ModelInfo> currentModel() {
        return Optional.ofNullable(model);
    }

    /** Mean scoring time; zero before the first call. */
    public Duration mean() {
        return invocations == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / invocations);
    }

    public Duration min() {
        return Duration.ofNanos(minNanos);
    }

    public Duration max() {
        return Duration.ofNanos(maxNanos);
    }
}
