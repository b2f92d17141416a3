package io.modelserving;

import java.util.Objects;
import java.util.Optional;

/**
 * A record together with the outcome of scoring it: what a serving stream emits for every input.
 *
 * @param input        the record as it was scored
 * @param result       the score, the failure or "no model"
 * @param scoredAtMillis wall-clock time of scoring, in epoch milliseconds
 * @param origin       where the record was read from, when it came from Kafka; null otherwise
 * @param shadow       what the data type's shadow model made of the record; null when it has no shadow
 * @param ensemble     how the data type's ensemble decided the record; null when no ensemble scored it
 * @param <I> the record type
 * @param <O> the result type
 */
public record ScoredRecord<I, O>(I input, ScoringResult<O> result, long scoredAtMillis, Origin origin,
                                 ShadowResult<O> shadow, EnsembleResult ensemble) {

    public ScoredRecord {
        Objects.requireNonNull(result, "result");
    }

    /** A record scored with no ensemble. */
    public ScoredRecord(I input, ScoringResult<O> result, long scoredAtMillis, Origin origin, ShadowResult<O> shadow) {
        this(input, result, scoredAtMillis, origin, shadow, null);
    }

    /** A record scored with no shadow model beside and no ensemble. */
    public ScoredRecord(I input, ScoringResult<O> result, long scoredAtMillis, Origin origin) {
        this(input, result, scoredAtMillis, origin, null, null);
    }

    public ScoredRecord<I, O> withOrigin(Origin newOrigin) {
        return new ScoredRecord<>(input, result, scoredAtMillis, newOrigin, shadow, ensemble);
    }

    /** The shadow's result, when the data type had a shadow model. */
    public Optional<ShadowResult<O>> shadowIfAny() {
        return Optional.ofNullable(shadow);
    }

    /** How the ensemble decided, when one scored the record. */
    public Optional<EnsembleResult> ensembleIfAny() {
        return Optional.ofNullable(ensemble);
    }

    public Optional<Origin> originIfKnown() {
        return Optional.ofNullable(origin);
    }

    /**
     * Where and when a record was read: topic, partition, offset, and the source record's timestamp in epoch
     * milliseconds ({@code -1} when unknown), from which end-to-end latency is measured.
     */
    public record Origin(String topic, int partition, long offset, long timestampMillis) {

        /** An origin whose timestamp is unknown. */
        public Origin(String topic, int partition, long offset) {
            this(topic, partition, offset, -1);
        }
    }
}
