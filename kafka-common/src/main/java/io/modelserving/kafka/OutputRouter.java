package io.modelserving.kafka;

import io.modelserving.ModelInfo;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.RecordCodec;
import java.util.Objects;

/**
 * Decides what each input becomes on Kafka, the same way in every adapter: a scored record goes to the scored
 * topic as the {@code ScoredRecord} envelope; a failure, a missing model, undecodable data and a bad model go
 * to the dead-letter topic with the original bytes and {@link DeadLetterHeaders}.
 *
 * <pre>{@code
 * OutputRouter<Features, Prediction> router =
 *         new OutputRouter<>(ServingTopics.defaults(), Codecs.features(), Codecs.predictions());
 * Decoded<Features> decoded = Codecs.features().decode(bytes);
 * OutputRecord out = decoded.isValue()
 *         ? router.route(scorer.scoreRecord(decoded.get()).withOrigin(origin), bytes)
 *         : router.undecodableData(bytes, origin, decoded.reason());
 * }</pre>
 *
 * @param <I> the record type
 * @param <O> the result type
 */
public final class OutputRouter<I, O> {

    private final ServingTopics topics;
    private final RecordCodec<ScoredRecord<I, O>> scoredCodec;

    public OutputRouter(ServingTopics topics, RecordCodec<I> inputCodec, RecordCodec<O> outputCodec) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.scoredCodec = Codecs.scoredRecords(inputCodec, outputCodec);
    }

    public ServingTopics topics() {
        return topics;
    }

    /**
     * The output of a scored data record: the envelope on the scored topic when scoring succeeded, otherwise
     * a dead letter of kind {@code scoring-failed} or {@code no-model} carrying {@code originalValue}.
     */
    public OutputRecord route(ScoredRecord<I, O> scored, byte[] originalValue) {
        ScoringResult<O> result = scored.result();
        if (result instanceof ScoringResult.Scored<O>) {
            return new OutputRecord(topics.scored(), scoredCodec.encode(scored), null);
        }
        DeadLetter letter;
        if (result instanceof ScoringResult.Failed<O> failed) {
            letter = letter(DeadLetterKind.SCORING_FAILED, failed.reason(), scored.origin());
        } else {
            letter = letter(DeadLetterKind.NO_MODEL, ((ScoringResult.NoModel<O>) result).reason(), scored.origin());
        }
        letter = letter.withDataType(result.dataType())
                .withModel(result.modelInfo().map(ModelInfo::label).orElse(""));
        return new OutputRecord(topics.deadLetters(), originalValue, letter);
    }

    /** A dead letter of kind {@code no-model}, e.g. after a wait for a model timed out. */
    public OutputRecord noModel(byte[] originalValue, ScoredRecord.Origin origin, String dataType, String reason) {
        return new OutputRecord(topics.deadLetters(), originalValue,
                letter(DeadLetterKind.NO_MODEL, reason, origin).withDataType(dataType));
    }

    /** A dead letter for data bytes that do not decode. */
    public OutputRecord undecodableData(byte[] originalValue, ScoredRecord.Origin origin, String reason) {
        return new OutputRecord(topics.deadLetters(), originalValue,
                letter(DeadLetterKind.DATA_UNDECODABLE, reason, origin));
    }

    /** A dead letter for a model message that does not decode. */
    public OutputRecord undecodableModel(byte[] originalValue, ScoredRecord.Origin origin, String reason) {
        return new OutputRecord(topics.deadLetters(), originalValue,
                letter(DeadLetterKind.MODEL_UNDECODABLE, reason, origin));
    }

    /** A dead letter for a model the processor rejected; {@code update} must be a rejection. */
    public OutputRecord rejectedModel(byte[] originalValue, ScoredRecord.Origin origin, ModelUpdate update) {
        if (update.accepted()) {
            throw new IllegalArgumentException("Model " + update.model().label() + " was accepted, not rejected");
        }
        return new OutputRecord(topics.deadLetters(), originalValue,
                letter(DeadLetterKind.MODEL_REJECTED, update.reason(), origin)
                        .withModel(update.model().label()).withDataType(update.model().dataType()));
    }

    private static DeadLetter letter(DeadLetterKind kind, String reason, ScoredRecord.Origin origin) {
        if (origin == null) {
            return DeadLetter.of(kind, reason, "", -1, -1);
        }
        return DeadLetter.of(kind, reason, origin.topic(), origin.partition(), origin.offset());
    }
}
