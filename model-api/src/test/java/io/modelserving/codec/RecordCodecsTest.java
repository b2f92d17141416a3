package io.modelserving.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecsTest {

    private static final List<String> NAMES = List.of("fixed acidity", "alcohol");
    private final RecordCodec<Features> features = Codecs.features();
    private final RecordCodec<ScoredRecord<Features, Prediction>> scored =
            Codecs.scoredRecords(features, Codecs.predictions());
    private final ModelInfo model = new ModelInfo("m1", "3", "onnx", "wine", "desc", Instant.ofEpochMilli(1000));

    @Test
    void featuresRoundTrip() {
        Features named = Features.of("wine", NAMES, 7.4, 9.4);
        Features positional = Features.positional("wine", 1, 2, 3);

        assertThat(features.decode(features.encode(named)).get()).isEqualTo(named);
        assertThat(features.decode(features.encode(positional)).get()).isEqualTo(positional);
    }

    @Test
    void nonFiniteOrMalformedFeaturesAreFailures() {
        byte[] valid = features.encode(Features.of("wine", NAMES, 7.4, 9.4));

        assertThat(features.decode(features.encode(Features.of("wine", NAMES, Double.NaN, 1))).reason())
                .isEqualTo("feature 'fixed acidity' is NaN");
        assertThat(features.decode(features.encode(Features.positional("wine", 1, Double.POSITIVE_INFINITY))).reason())
                .isEqualTo("feature #1 is Infinity");
        assertThat(features.decode(Arrays.copyOf(valid, valid.length - 3)).reason()).startsWith("not a feature record");
        assertThat(features.decode("garbage bytes".getBytes(StandardCharsets.UTF_8)).isValue()).isFalse();
        assertThat(features.decode(features.encode(Features.positional("", 1))).reason()).contains("no data type");
    }

    @Test
    void predictionsKeepClassOrder() {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        probabilities.put("5", 0.2);
        probabilities.put("3", 0.7);
        probabilities.put("8", 0.1);
        Prediction prediction = Prediction.ofClass(3, "3", probabilities);

        Prediction decoded = Codecs.predictions().decode(Codecs.predictions().encode(prediction)).get();

        assertThat(decoded).isEqualTo(prediction);
        assertThat(decoded.probabilities().keySet()).containsExactly("5", "3", "8");
    }

    @Test
    void scoredRecordsRoundTripForEveryOutcome() {
        Features input = Features.of("wine", NAMES, 7.4, 9.4);
        ScoredRecord.Origin origin = new ScoredRecord.Origin("data", 3, 42, 1_700_000_000_000L);
        List<ScoredRecord<Features, Prediction>> records = List.of(
                new ScoredRecord<>(input, new ScoringResult.Scored<>("wine", Prediction.of(5.5), model, 1234), 99, origin),
                new ScoredRecord<>(input, new ScoringResult.Failed<>("wine", "bad shape", model, 55), 100, null),
                new ScoredRecord<>(input, new ScoringResult.NoModel<>("wine"), 101, origin));

        for (ScoredRecord<Features, Prediction> record : records) {
            assertThat(scored.decode(scored.encode(record)).get()).isEqualTo(record);
        }
    }

    @Test
    void scoredRecordsCarryTheServingRoleAndTheShadowsResult() {
        Features input = Features.of("wine", NAMES, 7.4, 9.4);
        ModelInfo canary = model.as(ModelRole.CANARY, model.since());
        ModelInfo shadowModel = new ModelInfo("other", "2", "pmml", "wine", "", model.since(), ModelRole.SHADOW);
        List<ScoredRecord<Features, Prediction>> records = List.of(
                new ScoredRecord<>(input, new ScoringResult.Scored<>("wine", Prediction.of(5.5), canary, 1234), 99,
                        null, new ShadowResult<>(shadowModel,
                                new ScoringResult.Scored<>("wine", Prediction.of(6.0), shadowModel, 77), true, false,
                                0.5)),
                new ScoredRecord<>(input, new ScoringResult.Scored<>("wine", Prediction.of(5.5), model, 1234), 99,
                        null, new ShadowResult<>(shadowModel,
                                new ScoringResult.Failed<>("wine", "not waited for", shadowModel, 0), false, false,
                                Double.NaN, ShadowResult.Status.TIMED_OUT)));

        for (ScoredRecord<Features, Prediction> record : records) {
            assertThat(scored.decode(scored.encode(record)).get()).isEqualTo(record);
        }
    }

    @Test
    void parserBasedCodecTurnsExceptionsIntoReasons() {
        RecordCodec<Integer> ints = RecordCodec.of(b -> Integer.parseInt(new String(b, StandardCharsets.UTF_8)),
                i -> i.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(ints.decode("42".getBytes(StandardCharsets.UTF_8)).get()).isEqualTo(42);
        assertThat(ints.decode("x".getBytes(StandardCharsets.UTF_8)).reason()).startsWith("NumberFormatException");
        assertThat(ints.decode(null).reason()).contains("null");
    }
}
