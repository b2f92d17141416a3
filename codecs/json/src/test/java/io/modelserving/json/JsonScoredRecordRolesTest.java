package io.modelserving.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The role of the model that served a record, and the shadow's result beside it, as JSON and back. */
class JsonScoredRecordRolesTest {

    private static final long SCORED_AT = 1_764_600_000_123L;
    private static final Features WINE = Features.builder("wine").number("alcohol", 9.4).build();
    private static final ModelInfo PRIMARY = new ModelInfo("wine-linear", "2", "onnx", "wine", "", Instant.EPOCH);
    private static final ModelInfo CANARY = new ModelInfo("wine-tree", "1", "pmml", "wine", "", Instant.EPOCH,
            ModelRole.CANARY);
    private static final ModelInfo SHADOW = new ModelInfo("wine-forest", "", "pmml", "wine", "", Instant.EPOCH,
            ModelRole.SHADOW);

    private final JsonScoredRecordCodec codec = new JsonScoredRecordCodec();

    @Test
    void aPrimaryRecordWithoutShadowHasNeitherRoleNorShadowField() {
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(WINE,
                new ScoringResult.Scored<>("wine", Prediction.of(5.5), PRIMARY, 40), SCORED_AT, null);

        assertThat(JsonScoredRecordCodec.fields(scored)).doesNotContainKeys("role", "shadow");
    }

    @Test
    void aCanaryRecordNamesItsRoleAfterTheModelAndRoundTrips() {
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(WINE,
                new ScoringResult.Scored<>("wine", Prediction.of(5.5), CANARY, 40), SCORED_AT, null);

        Map<String, Object> fields = JsonScoredRecordCodec.fields(scored);

        assertThat(fields.keySet()).containsSubsequence("modelVersion", "role", "score");
        assertThat(fields.get("role")).isEqualTo("canary");
        assertThat(codec.decode(codec.encode(scored)).get()).isEqualTo(scored);
    }

    @Test
    void aComparedShadowIsWrittenAfterTheRecordAndRoundTrips() {
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(WINE,
                new ScoringResult.Scored<>("wine", Prediction.of(5.5), PRIMARY, 40), SCORED_AT, null,
                new ShadowResult<>(SHADOW, new ScoringResult.Scored<>("wine", Prediction.of(5.25), SHADOW, 90),
                        true, true, 0.25));

        Map<String, Object> fields = JsonScoredRecordCodec.fields(scored);

        assertThat(fields.keySet()).endsWith("durationNanos", "shadow");
        @SuppressWarnings("unchecked")
        Map<String, Object> shadow = (Map<String, Object>) fields.get("shadow");
        assertThat(shadow).containsExactly(entry("outcome", "scored"), entry("status", "scored"),
                entry("model", "wine-forest"), entry("modelType", "pmml"), entry("modelVersion", null),
                entry("score", 5.25), entry("label", null), entry("probabilities", null), entry("error", null),
                entry("durationNanos", 90L), entry("compared", true), entry("agrees", true),
                entry("difference", 0.25));
        assertThat(codec.decode(codec.encode(scored)).get()).isEqualTo(scored);
    }

    @Test
    void aShadowThatMissedItsDeadlineHasItsReasonAndNullDifferenceAndRoundTrips() {
        String late = "not waited for: the shadow took longer than its deadline of 100 ms";
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(WINE,
                new ScoringResult.Scored<>("wine", Prediction.of(5.5), CANARY, 40), SCORED_AT, null,
                new ShadowResult<>(SHADOW, new ScoringResult.Failed<>("wine", late, SHADOW, 0), false, false,
                        Double.NaN, ShadowResult.Status.TIMED_OUT));

        Map<?, ?> shadow = (Map<?, ?>) JsonScoredRecordCodec.fields(scored).get("shadow");

        assertThat(shadow.get("outcome")).isEqualTo("failed");
        assertThat(shadow.get("status")).isEqualTo("timed-out");
        assertThat(shadow.get("error")).isEqualTo(late);
        assertThat(shadow.containsKey("difference")).isTrue();
        assertThat(shadow.get("difference")).isNull();
        assertThat(new String(codec.encode(scored), StandardCharsets.UTF_8))
                .contains("\"difference\":null").doesNotContain("NaN");
        assertThat(codec.decode(codec.encode(scored)).get()).isEqualTo(scored);
    }

    @Test
    void malformedRolesAndShadowsAreFailuresNamingTheField() {
        String record = "'dataType': 'wine', 'outcome': 'no-model', 'scoredAt': 1";
        String model = "'model': 'f', 'modelType': 'pmml'";
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("{" + record + ", 'role': 'backup'}",
                "field 'role' is \"backup\", not one of primary, shadow, canary, ensemble");
        reasons.put("{" + record + ", 'shadow': 3}", "field 'shadow' is 3 (a number), not an object");
        reasons.put("{" + record + ", 'shadow': {'outcome': 'failed', 'error': 'e', 'compared': false,"
                + " 'agrees': false}}", "shadow: a shadow needs a model: field 'model' is missing or null");
        reasons.put("{" + record + ", 'shadow': {'outcome': 'no-model', " + model + "}}",
                "shadow: field 'outcome' is \"no-model\", not scored or failed");
        reasons.put("{" + record + ", 'shadow': {'outcome': 'scored', " + model + ", 'score': 1,"
                + " 'agrees': false}}", "shadow: missing field 'compared'");
        reasons.put("{" + record + ", 'shadow': {'outcome': 'scored', " + model + ", 'score': 1,"
                + " 'compared': 'yes', 'agrees': false}}",
                "shadow: field 'compared' is \"yes\" (a string), not true or false");

        reasons.forEach((envelope, reason) ->
                assertThat(codec.decode(JsonFeaturesCodecTest.json(envelope)).reason()).as(envelope)
                        .isEqualTo(reason));
    }
}
