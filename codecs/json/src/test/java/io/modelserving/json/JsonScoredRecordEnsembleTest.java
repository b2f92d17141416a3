package io.modelserving.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.modelserving.EnsembleResult;
import io.modelserving.EnsembleResult.Member;
import io.modelserving.EnsembleResult.Status;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an ensemble decided a record, as JSON and back. */
class JsonScoredRecordEnsembleTest {

    private static final long SCORED_AT = 1_764_600_000_123L;
    private static final Features WINE = Features.builder("wine").number("alcohol", 9.4).build();
    private static final ModelInfo PRIMARY = new ModelInfo("wine-linear", "2", "onnx", "wine", "", Instant.EPOCH);
    private static final ModelInfo FAST = new ModelInfo("wine-tree", "1", "pmml", "wine", "", Instant.EPOCH,
            ModelRole.ENSEMBLE);
    private static final ModelInfo SLOW = new ModelInfo("wine-forest", "", "pmml", "wine", "", Instant.EPOCH,
            ModelRole.ENSEMBLE);
    private static final ModelInfo VOTE = new ModelInfo("wine-vote", "1", "ensemble", "wine", "", Instant.EPOCH,
            ModelRole.ENSEMBLE);
    private static final ModelInfo SHADOW = new ModelInfo("wine-boost", "", "pmml", "wine", "", Instant.EPOCH,
            ModelRole.SHADOW);

    private final JsonScoredRecordCodec codec = new JsonScoredRecordCodec();

    @Test
    void aRecordServedByAMemberWritesTheDecisionLastAndRoundTrips() {
        EnsembleResult decision = new EnsembleResult("majority", List.of(
                new Member(PRIMARY, Status.SCORED, 40_000, false, "outvoted"),
                new Member(FAST, Status.SCORED, 25_000, true, ""),
                new Member(SLOW, Status.UNANSWERED, 100_000_000, false, "no answer within 100 ms")));
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(WINE,
                new ScoringResult.Scored<>("wine", Prediction.of(5.5), FAST, 25_000), SCORED_AT, null, null, decision);

        Map<String, Object> fields = JsonScoredRecordCodec.fields(scored);

        assertThat(fields.get("role")).isEqualTo("ensemble");
        assertThat(fields.keySet()).endsWith("durationNanos", "ensemble");
        Map<String, Object> ensemble = map(fields.get("ensemble"));
        assertThat(ensemble.keySet()).containsExactly("decider", "members");
        assertThat(ensemble.get("decider")).isEqualTo("majority");
        List<?> members = (List<?>) ensemble.get("members");
        assertThat(members).hasSize(3);
        assertThat(map(members.get(0))).containsExactly(entry("model", "wine-linear:2"),
                entry("modelType", "onnx"), entry("modelVersion", "2"), entry("role", "primary"),
                entry("status", "scored"), entry("latencyNanos", 40_000L), entry("chosen", false),
                entry("reason", "outvoted"));
        assertThat(map(members.get(1))).contains(entry("role", "ensemble"), entry("chosen", true),
                entry("reason", null));
        assertThat(map(members.get(2))).contains(entry("model", "wine-forest"), entry("modelVersion", null),
                entry("status", "unanswered"), entry("latencyNanos", 100_000_000L));
        assertThat(codec.decode(codec.encode(scored)).get()).isEqualTo(scored);
    }

    @Test
    void aRecordTheEnsembleFailedWithASkippedMemberAndAShadowRoundTrips() {
        String reason = "ensemble wine-vote:1: decider 'first-valid' accepted no answer within 200 ms";
        EnsembleResult decision = new EnsembleResult("first-valid", List.of(
                new Member(PRIMARY, Status.FAILED, 3_000, false, "model error: boom"),
                new Member(FAST, Status.SKIPPED, 0, false, "every call of this member was busy")));
        ScoredRecord<Features, Prediction> scored = new ScoredRecord<>(WINE,
                new ScoringResult.Failed<>("wine", reason, VOTE, 200_000_000), SCORED_AT, null,
                new ShadowResult<>(SHADOW, new ScoringResult.Scored<>("wine", Prediction.of(5.0), SHADOW, 90), false,
                        false, Double.NaN), decision);

        Map<String, Object> fields = JsonScoredRecordCodec.fields(scored);

        assertThat(fields.keySet()).endsWith("shadow", "ensemble");
        List<?> members = (List<?>) map(fields.get("ensemble")).get("members");
        assertThat(map(members.get(0)).get("status")).isEqualTo("failed");
        assertThat(map(members.get(1)).get("status")).isEqualTo("skipped");
        ScoredRecord<Features, Prediction> decoded = codec.decode(codec.encode(scored)).get();
        assertThat(decoded).isEqualTo(scored);
        assertThat(decoded.ensemble().chosen()).isEmpty();
    }

    @Test
    void aRecordWithoutEnsembleIsWrittenAsBeforeAndTheEnsembleOnlyAppendsAField() {
        ScoringResult<Prediction> result = new ScoringResult.Scored<>("wine", Prediction.of(5.5), PRIMARY, 40_000);
        ScoredRecord<Features, Prediction> without = new ScoredRecord<>(WINE, result, SCORED_AT, null);
        ScoredRecord<Features, Prediction> with = new ScoredRecord<>(WINE, result, SCORED_AT, null, null,
                new EnsembleResult("first-valid", List.of(new Member(PRIMARY, Status.SCORED, 40_000, true, ""))));

        String plain = new String(codec.encode(without), StandardCharsets.UTF_8);
        String decided = new String(codec.encode(with), StandardCharsets.UTF_8);

        assertThat(JsonScoredRecordCodec.fields(without)).doesNotContainKeys("role", "shadow", "ensemble");
        assertThat(plain).doesNotContain("ensemble");
        String open = plain.substring(0, plain.length() - 1);
        assertThat(decided).isEqualTo(open + ",\"ensemble\":{\"decider\":\"first-valid\",\"members\":[{"
                + "\"model\":\"wine-linear:2\",\"modelType\":\"onnx\",\"modelVersion\":\"2\",\"role\":\"primary\","
                + "\"status\":\"scored\",\"latencyNanos\":40000,\"chosen\":true,\"reason\":null}]}}");
        assertThat(codec.decode(codec.encode(without)).get().ensemble()).isNull();
    }

    @Test
    void malformedEnsemblesAreFailuresNamingTheField() {
        String record = "'dataType': 'wine', 'outcome': 'no-model', 'scoredAt': 1";
        String model = "'model': 'f', 'modelType': 'pmml'";
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("{" + record + ", 'ensemble': []}", "field 'ensemble' is an array, not an object");
        reasons.put("{" + record + ", 'ensemble': {'members': []}}", "ensemble: missing field 'decider'");
        reasons.put("{" + record + ", 'ensemble': {'decider': 'd', 'members': {}}}",
                "ensemble: field 'members' is an object, not an array");
        reasons.put("{" + record + ", 'ensemble': {'decider': 'd', 'members': [7]}}",
                "ensemble: members[0] is 7 (a number), not an object");
        reasons.put("{" + record + ", 'ensemble': {'decider': 'd', 'members': [{'status': 'scored',"
                + " 'chosen': true}]}}",
                "ensemble: members[0]: a member needs a model: field 'model' is missing or null");
        reasons.put("{" + record + ", 'ensemble': {'decider': 'd', 'members': [{" + model + ", 'status': 'scored',"
                + " 'chosen': true}, {" + model + ", 'status': 'late', 'chosen': false}]}}",
                "ensemble: members[1]: field 'status' is \"late\", not one of scored, failed, unanswered, skipped");
        reasons.put("{" + record + ", 'ensemble': {'decider': 'd', 'members': [{" + model
                + ", 'status': 'scored'}]}}", "ensemble: members[0]: missing field 'chosen'");
        reasons.put("{" + record + ", 'ensemble': {'decider': 'd', 'members': [{" + model + ", 'role': 'boss',"
                + " 'status': 'scored', 'chosen': true}]}}",
                "ensemble: members[0]: field 'role' is \"boss\", not one of primary, shadow, canary, ensemble");
        reasons.put("{" + record + ", 'ensemble': {'decider': 'd', 'members': [{" + model + ", 'status': 'scored',"
                + " 'latencyNanos': '5', 'chosen': true}]}}",
                "ensemble: members[0]: field 'latencyNanos' is \"5\" (a string), not a whole number");

        reasons.forEach((envelope, reason) ->
                assertThat(codec.decode(JsonFeaturesCodecTest.json(envelope)).reason()).as(envelope)
                        .isEqualTo(reason));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object fields) {
        return (Map<String, Object>) fields;
    }
}
