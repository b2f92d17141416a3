package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class OutputRouterTest {

    private final ServingTopics topics = ServingTopics.of("in", "models", "out", "dlq");
    private final OutputRouter<Features, Prediction> router =
            new OutputRouter<>(topics, Codecs.features(), Codecs.predictions());
    private final Features features = Features.positional("wine", 1.0, 2.0);
    private final byte[] original = Codecs.features().encode(features);
    private final ScoredRecord.Origin origin = new ScoredRecord.Origin("in", 2, 99);
    private final ModelInfo m1 = new ModelInfo("m1", "1", "constant", "wine", "", Instant.ofEpochMilli(5));

    @Test
    void scoredGoesToScoredTopicAsEnvelope() {
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(features,
                new ScoringResult.Scored<>("wine", Prediction.of(4.5), m1, 10), 77, origin);
        OutputRecord out = router.route(scored, original);
        assertThat(out.topic()).isEqualTo("out");
        assertThat(out.isDeadLetter()).isFalse();
        assertThat(out.headers().toArray()).isEmpty();
        Deserializer<ScoredRecord<Features, Prediction>> read = CodecSerdes.deserializer(
                Codecs.scoredRecords(Codecs.features(), Codecs.predictions()));
        ScoredRecord<Features, Prediction> back = read.deserialize("out", out.value());
        assertThat(back.input()).isEqualTo(features);
        assertThat(back.origin()).isEqualTo(origin);
        assertThat(((ScoringResult.Scored<Prediction>) back.result()).value().value()).isEqualTo(4.5);
        assertThat(back.result().modelInfo().orElseThrow().label()).isEqualTo("m1:1");
    }

    @Test
    void failedAndNoModelBecomeDeadLettersWithTheOriginalBytes() {
        OutputRecord failed = router.route(new ScoredRecord<>(features,
                new ScoringResult.Failed<>("wine", "model threw", m1, 3), 77, origin), original);
        assertThat(failed.topic()).isEqualTo("dlq");
        assertThat(failed.value()).isSameAs(original);
        assertThat(failed.deadLetter()).isEqualTo(
                new DeadLetter(DeadLetterKind.SCORING_FAILED, "model threw", "in", 2, 99, "m1:1", "wine"));

        OutputRecord noModel = router.route(new ScoredRecord<>(features,
                new ScoringResult.NoModel<>("wine"), 77, origin), original);
        assertThat(noModel.deadLetter().kind()).isEqualTo(DeadLetterKind.NO_MODEL);
        assertThat(noModel.deadLetter().model()).isEmpty();
        assertThat(noModel.deadLetter().dataType()).isEqualTo("wine");
        assertThat(DeadLetter.fromHeaders(noModel.headers())).contains(noModel.deadLetter());
    }

    @Test
    void undecodableDataAndBadModelsAreDeadLetters() {
        byte[] garbage = {1, 2, 3};
        Decoded<Features> decoded = Codecs.features().decode(garbage);
        OutputRecord data = router.undecodableData(garbage, origin, decoded.reason());
        assertThat(data.deadLetter().kind()).isEqualTo(DeadLetterKind.DATA_UNDECODABLE);
        assertThat(data.deadLetter().reason()).isEqualTo(decoded.reason()).isNotEmpty();
        ScoredRecord.Origin modelOrigin = new ScoredRecord.Origin("models", 0, 4);
        assertThat(router.undecodableModel(garbage, modelOrigin, "bad").deadLetter())
                .isEqualTo(DeadLetter.of(DeadLetterKind.MODEL_UNDECODABLE, "bad", "models", 0, 4));
        assertThat(router.noModel(garbage, null, "wine", "waited 1s").deadLetter())
                .isEqualTo(new DeadLetter(DeadLetterKind.NO_MODEL, "waited 1s", "", -1, -1, "", "wine"));
    }

    @Test
    void decodedDeserializerNeverThrowsButPlainOneDoes() {
        assertThat(CodecSerdes.decodedDeserializer(Codecs.features()).deserialize("t", new byte[] {9, 9}).isValue())
                .isFalse();
        assertThatThrownBy(() -> CodecSerdes.deserializer(Codecs.features()).deserialize("t", new byte[] {9, 9}))
                .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("topic t");
        assertThat(CodecSerdes.serde(Codecs.features()).deserializer()
                .deserialize("t", CodecSerdes.serializer(Codecs.features()).serialize("t", features)))
                .isEqualTo(features);
    }
}
