package io.modelserving.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scored, failed and no-model records as JSON, and back. */
class JsonScoredRecordCodecTest {

    private static final long SCORED_AT = 1_764_600_000_123L;
    private static final Features CAR = Features.builder("car").number("engine_cc", 1600).category("fuel", "diesel")
            .build();
    /** What JSON carries of a model: no description, no time it became current. */
    private static final ModelInfo CLASSIFIER = new ModelInfo("car-class", "3", "pmml", "car", "", Instant.EPOCH);
    private static final ScoredRecord.Origin ORIGIN = new ScoredRecord.Origin("cars", 2, 41, SCORED_AT - 250);

    private final JsonScoredRecordCodec codec = new JsonScoredRecordCodec();

    @Test
    void aScoredRecordWithLabelAndProbabilitiesRoundTrips() {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        probabilities.put("van", 0.25);
        probabilities.put("sedan", 0.75);
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(CAR, new ScoringResult.Scored<>("car",
                Prediction.ofClass(1, "sedan", probabilities), CLASSIFIER, 52_000), SCORED_AT, ORIGIN);

        ScoredRecord<Features, Prediction> decoded = codec.decode(codec.encode(scored)).get();

        assertThat(decoded).isEqualTo(scored);
        assertThat(((ScoringResult.Scored<Prediction>) decoded.result()).value().probabilities().keySet())
                .containsExactly("van", "sedan");
    }

    @Test
    void aRegressionWithoutOriginAndModelVersionRoundTrips() {
        ModelInfo unversioned = new ModelInfo("price", "", "onnx", "car", "", Instant.EPOCH);
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(CAR,
                new ScoringResult.Scored<>("car", Prediction.of(12_500.5), unversioned, 7), SCORED_AT, null);

        assertThat(codec.decode(codec.encode(scored)).get()).isEqualTo(scored);
    }

    @Test
    void aFailedRecordRoundTripsWithAndWithoutItsModel() {
        ScoredRecord<Features, Prediction> withModel = new ScoredRecord<>(CAR,
                new ScoringResult.Failed<>("car", "model threw: bad input", CLASSIFIER, 900), SCORED_AT, ORIGIN);
        ScoredRecord<Features, Prediction> withoutModel = new ScoredRecord<>(null,
                new ScoringResult.Failed<>("car", "not a car record", null, 0), SCORED_AT, null);

        assertThat(codec.decode(codec.encode(withModel)).get()).isEqualTo(withModel);
        assertThat(codec.decode(codec.encode(withoutModel)).get()).isEqualTo(withoutModel);
    }

    @Test
    void aNoModelRecordRoundTripsWithAndWithoutOrigin() {
        ScoredRecord<Features, Prediction> noModel = new ScoredRecord<>(CAR, new ScoringResult.NoModel<>("car"),
                SCORED_AT, null);
        ScoredRecord<Features, Prediction> unknownTimestamp = noModel.withOrigin(new ScoredRecord.Origin("cars", 0, 9));

        assertThat(codec.decode(codec.encode(noModel)).get()).isEqualTo(noModel);
        assertThat(codec.decode(codec.encode(unknownTimestamp)).get()).isEqualTo(unknownTimestamp);
    }

    @Test
    void positionalFeaturesAreAnArrayAndRoundTrip() {
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(Features.positional("wine", 7.4, 0.7),
                new ScoringResult.NoModel<>("wine"), SCORED_AT, null);

        assertThat(JsonScoredRecordCodec.fields(scored).get("input")).isEqualTo(List.of(7.4, 0.7));
        assertThat(codec.decode(codec.encode(scored)).get()).isEqualTo(scored);
    }

    @Test
    void aScoreJsonCannotCarryAsANumberRoundTripsAsAString() {
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(CAR,
                new ScoringResult.Scored<>("car", Prediction.of(Double.NaN), CLASSIFIER, 1), SCORED_AT, null);

        String json = new String(codec.encode(scored), StandardCharsets.UTF_8);

        assertThat(json).contains("\"score\":\"NaN\"");
        assertThat(codec.decode(codec.encode(scored)).get()).isEqualTo(scored);
    }

    @Test
    void fieldsAreNamedAndOrderedWithNullForWhatDoesNotApply() {
        Map<String, Double> probabilities = Map.of("sedan", 0.75);
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(CAR, new ScoringResult.Scored<>("car",
                Prediction.ofClass(1, "sedan", probabilities), CLASSIFIER, 52_000), SCORED_AT, ORIGIN);

        Map<String, Object> fields = JsonScoredRecordCodec.fields(scored);

        assertThat(fields).containsExactly(entry("dataType", "car"), entry("outcome", "scored"),
                entry("model", "car-class:3"), entry("modelType", "pmml"), entry("modelVersion", "3"),
                entry("score", 1.0), entry("label", "sedan"), entry("probabilities", probabilities),
                entry("error", null), entry("input", Map.of("engine_cc", 1600.0, "fuel", "diesel")),
                entry("sourceTopic", "cars"), entry("sourcePartition", 2), entry("sourceOffset", 41L),
                entry("sourceTimestamp", SCORED_AT - 250), entry("scoredAt", SCORED_AT), entry("latencyMs", 250L),
                entry("durationNanos", 52_000L));
    }

    @Test
    void aNoModelRecordHasItsReasonAndNullsForTheRest() {
        ScoredRecord<Features, Prediction> noModel = new ScoredRecord<>(null, new ScoringResult.NoModel<>("car"),
                SCORED_AT, new ScoredRecord.Origin("cars", 0, 9));

        Map<String, Object> fields = JsonScoredRecordCodec.fields(noModel);

        assertThat(fields.get("outcome")).isEqualTo("no-model");
        assertThat(fields.get("error")).isEqualTo("no model for data type 'car'");
        assertThat(Arrays.asList(fields.get("model"), fields.get("modelType"), fields.get("modelVersion"),
                fields.get("score"), fields.get("label"), fields.get("probabilities"), fields.get("input"),
                fields.get("sourceTimestamp"), fields.get("latencyMs"), fields.get("durationNanos")))
                .containsOnlyNulls();
    }

    @Test
    void aLineWithFieldsOfItsOwnIsRead() {
        String line = "{'key': '17', 'dataType': 'car', 'outcome': 'failed', 'model': null, 'error': 'broken',"
                + " 'scoredAt': 5, 'latencyMs': 999, 'comment': [1, 2]}";

        assertThat(codec.decode(json(line)).get()).isEqualTo(new ScoredRecord<Features, Prediction>(null,
                new ScoringResult.Failed<>("car", "broken", null, 0), 5, null));
    }

    @Test
    void malformedEnvelopesAreFailuresNamingTheField() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("{'outcome': 'scored', 'scoredAt': 1}", "missing field 'dataType'");
        reasons.put("{'dataType': '', 'outcome': 'scored', 'scoredAt': 1}", "field 'dataType' is empty");
        reasons.put("{'dataType': 'car', 'outcome': null, 'scoredAt': 1}", "field 'outcome' is null");
        reasons.put("{'dataType': 'car', 'outcome': 'done', 'scoredAt': 1}",
                "field 'outcome' is \"done\", not one of scored, failed, no-model");
        reasons.put("{'dataType': 'car', 'outcome': 'scored', 'score': 1, 'scoredAt': 1}",
                "a scored record needs a model: field 'model' is missing or null");
        reasons.put("{'dataType': 'car', 'outcome': 'scored', 'model': 'm:1', 'score': 1, 'scoredAt': 1}",
                "missing field 'modelType'");
        reasons.put("{'dataType': 'car', 'outcome': 'scored', 'model': 'm:1', 'modelType': 'onnx',"
                + " 'modelVersion': '2', 'score': 1, 'scoredAt': 1}",
                "field 'model' is \"m:1\", which does not end with the modelVersion \":2\"");
        reasons.put("{'dataType': 'car', 'outcome': 'scored', 'model': 'm', 'modelType': 'onnx', 'scoredAt': 1}",
                "missing field 'score'");
        reasons.put("{'dataType': 'car', 'outcome': 'scored', 'model': 'm', 'modelType': 'onnx', 'score': 'high',"
                + " 'scoredAt': 1}", "field 'score' is \"high\" (a string), not a number");
        reasons.put("{'dataType': 'car', 'outcome': 'scored', 'model': 'm', 'modelType': 'onnx', 'score': 1,"
                + " 'probabilities': [0.5], 'scoredAt': 1}", "field 'probabilities' is an array, not an object");
        reasons.put("{'dataType': 'car', 'outcome': 'scored', 'model': 'm', 'modelType': 'onnx', 'score': 1,"
                + " 'probabilities': {'van': true}, 'scoredAt': 1}",
                "probability 'van' is true (a boolean), not a number");
        reasons.put("{'dataType': 'car', 'outcome': 'scored', 'model': 'm', 'modelType': 'onnx', 'score': 1,"
                + " 'label': 3, 'scoredAt': 1}", "field 'label' is 3 (a number), not a string");
        reasons.put("{'dataType': 'car', 'outcome': 'failed', 'scoredAt': 1}", "missing field 'error'");
        reasons.put("{'dataType': 'car', 'outcome': 'failed', 'error': 'e', 'durationNanos': 1.5, 'scoredAt': 1}",
                "field 'durationNanos' is 1.5 (a number), not a whole number");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model'}", "missing field 'scoredAt'");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': '2026-12-01'}",
                "field 'scoredAt' is \"2026-12-01\" (a string), not a whole number");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': 1, 'sourcePartition': 1,"
                + " 'sourceOffset': 2}", "missing field 'sourceTopic'");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': 1, 'sourceTopic': 't',"
                + " 'sourceOffset': 2}", "missing field 'sourcePartition'");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': 1, 'sourceTopic': 't',"
                + " 'sourcePartition': -1, 'sourceOffset': 2}", "field 'sourcePartition' is -1, not a partition number");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': 1, 'sourceTopic': 't',"
                + " 'sourcePartition': 0}", "missing field 'sourceOffset'");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': 1, 'input': 'x'}",
                "field 'input' is \"x\" (a string), neither an object nor an array");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': 1, 'input': [1, null]}",
                "input[1] is null, not a finite number");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': 1, 'input': [1e999]}",
                "input[0] is Infinity (a number), not a finite number");
        reasons.put("{'dataType': 'car', 'outcome': 'no-model', 'scoredAt': 1, 'input': {'doors': null}}",
                "input: field 'doors' is null, neither a number nor a string");

        reasons.forEach((envelope, reason) ->
                assertThat(codec.decode(json(envelope)).reason()).as(envelope).isEqualTo(reason));
    }

    @Test
    void bytesThatAreNoJsonObjectAreFailuresAsForFeatures() {
        assertThat(codec.decode(null).reason()).isEqualTo("no bytes (null value)");
        assertThat(codec.decode(json("[]")).reason()).isEqualTo("the JSON value is an array, not an object");
        assertThat(codec.decode(json("{'dataType': 'car'} x")).reason()).startsWith("trailing content");
    }

    @Test
    void aNonFiniteInputValueIsWrittenAsNullAndDoesNotDecode() {
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(Features.of("car", List.of("doors"),
                Double.POSITIVE_INFINITY), new ScoringResult.NoModel<>("car"), SCORED_AT, null);

        assertThat(JsonScoredRecordCodec.fields(scored).get("input")).isEqualTo(nullValued("doors"));
        assertThat(codec.decode(codec.encode(scored)).reason())
                .isEqualTo("input: field 'doors' is null, neither a number nor a string");
    }

    private static Map<String, Object> nullValued(String name) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, null);
        return map;
    }

    private static byte[] json(String singleQuoted) {
        return JsonFeaturesCodecTest.json(singleQuoted);
    }
}
