package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.CandidateStats;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ServingStats;
import io.modelserving.ShadowComparison;
import io.modelserving.kafka.Readiness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A data type's shadow and canary in {@code /models} and {@code /state}, on one instance and across two. */
class CandidatesEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelInfo PRIMARY = new ModelInfo("m1", "1", "constant", "wine", "",
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final ModelInfo SHADOW = new ModelInfo("m2", "", "constant", "wine", "shadowing",
            Instant.parse("2026-01-02T00:00:00Z"), ModelRole.SHADOW);
    private static final ModelInfo CANARY = new ModelInfo("m3", "7", "constant", "wine", "",
            Instant.parse("2026-01-03T00:00:00Z"), ModelRole.CANARY);
    private static final ModelInfo NEWER_SHADOW = SHADOW.as(ModelRole.SHADOW, Instant.parse("2026-01-04T00:00:00Z"));

    private final HttpFixture http = new HttpFixture();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void modelsListsTheShadowAndTheCanaryBesideThePrimary() throws Exception {
        ServingStats stats = stats(shadow(SHADOW, 40, 30, 24, 0.5), canary(12.5, 9));
        JsonNode root = JSON.readTree(http.get(http.start(view("a:1", stats)), "/models").body());

        assertThat(root.path("models").path("wine").path("name").asText()).isEqualTo("m1");
        assertThat(root.path("models").path("wine").path("role").asText()).isEqualTo("primary");
        JsonNode candidates = root.path("candidates").path("wine");
        assertThat(candidates).hasSize(2);
        assertThat(candidates.get(0).path("name").asText()).isEqualTo("m2");
        assertThat(candidates.get(0).path("role").asText()).isEqualTo("shadow");
        assertThat(candidates.get(0).get("canaryPercent").isNull()).isTrue();
        assertThat(candidates.get(1).path("name").asText()).isEqualTo("m3");
        assertThat(candidates.get(1).path("role").asText()).isEqualTo("canary");
        assertThat(candidates.get(1).path("canaryPercent").asDouble()).isEqualTo(12.5);
    }

    @Test
    void instanceStateShowsEachCandidateAndRoundTripsThroughAPeer() throws Exception {
        ServingStats stats = stats(shadow(SHADOW, 40, 30, 24, 0.5), canary(12.5, 9));
        String body = http.get(http.start(view("a:1", stats)), "/state/wine?scope=instance").body();
        JsonNode candidates = JSON.readTree(body).path("candidates");

        assertThat(candidates).hasSize(2);
        JsonNode shadow = candidates.get(0);
        assertThat(shadow.path("role").asText()).isEqualTo("shadow");
        assertThat(shadow.path("model").path("name").asText()).isEqualTo("m2");
        assertThat(shadow.get("canaryPercent").isNull()).isTrue();
        assertThat(shadow.path("invocations").asLong()).isEqualTo(40);
        assertThat(shadow.path("failures").asLong()).isEqualTo(2);
        assertThat(shadow.path("meanSeconds").asDouble()).isEqualTo(40 * 1_000 / 40 / 1e9);
        JsonNode comparison = shadow.path("comparison");
        assertThat(comparison.path("records").asLong()).isEqualTo(40);
        assertThat(comparison.path("compared").asLong()).isEqualTo(30);
        assertThat(comparison.path("agreed").asLong()).isEqualTo(24);
        assertThat(comparison.path("agreementRate").asDouble()).isEqualTo(0.8);
        assertThat(comparison.path("meanAbsoluteDifference").asDouble()).isEqualTo(0.5);
        assertThat(comparison.path("timedOut").asLong()).isEqualTo(3);
        assertThat(comparison.path("skipped").asLong()).isEqualTo(1);
        assertThat(comparison.path("p99Seconds").asDouble()).isEqualTo(5e-6);
        JsonNode canary = candidates.get(1);
        assertThat(canary.path("role").asText()).isEqualTo("canary");
        assertThat(canary.path("canaryPercent").asDouble()).isEqualTo(12.5);
        assertThat(canary.path("invocations").asLong()).isEqualTo(9);
        assertThat(canary.get("comparison").isNull()).isTrue();

        assertThat(ServingJson.parseInstanceStats(body)).isEqualTo(new InstanceStats("a:1", stats));
    }

    @Test
    void aShadowThatComparedNothingYetHasNullRatesNotNaN() throws Exception {
        ServingStats stats = stats(shadow(SHADOW, 0, 0, 0, Double.NaN));
        String body = http.get(http.start(view("a:1", stats)), "/state/wine?scope=instance").body();
        JsonNode comparison = JSON.readTree(body).path("candidates").get(0).path("comparison");

        assertThat(body).doesNotContain("NaN");
        assertThat(comparison.get("agreementRate").isNull()).isTrue();
        assertThat(comparison.get("meanAbsoluteDifference").isNull()).isTrue();
        assertThat(ServingJson.parseInstanceStats(body)).isEqualTo(new InstanceStats("a:1", stats));
    }

    @Test
    void applicationStateAddsUpEachRoleAcrossInstances() throws Exception {
        ServingStats a = stats(shadow(SHADOW, 40, 30, 24, 0.5), canary(12.5, 9));
        ServingStats b = stats(shadow(NEWER_SHADOW, 100, 10, 1, 2.0));
        ServingHttpServer peer = http.start(view("b:2", b));
        ServingHttpServer server = http.start(new FixedView("a:1", Map.of(), Map.of("wine", a), Readiness.up(),
                List.of(peer.uri())));

        JsonNode candidates = JSON.readTree(http.get(server, "/state/wine").body()).path("candidates");

        assertThat(candidates).hasSize(2);
        JsonNode shadow = candidates.get(0);
        assertThat(shadow.path("model").path("since").asText()).isEqualTo("2026-01-04T00:00:00Z");
        assertThat(shadow.path("invocations").asLong()).isEqualTo(140);
        JsonNode comparison = shadow.path("comparison");
        assertThat(comparison.path("compared").asLong()).isEqualTo(40);
        assertThat(comparison.path("agreed").asLong()).isEqualTo(25);
        assertThat(comparison.path("agreementRate").asDouble()).isEqualTo(25.0 / 40);
        // Each instance's mean weighted by the records it compared: (30 * 0.5 + 10 * 2.0) / 40.
        assertThat(comparison.path("meanAbsoluteDifference").asDouble()).isCloseTo(0.875, within(1e-12));
        assertThat(comparison.path("timedOut").asLong()).isEqualTo(6);
        assertThat(candidates.get(1).path("role").asText()).isEqualTo("canary");
        assertThat(candidates.get(1).path("invocations").asLong()).isEqualTo(9);
        assertThat(candidates.get(1).path("canaryPercent").asDouble()).isEqualTo(12.5);
    }

    @Test
    void anOlderPeersAnswerWithoutRolesOrCandidatesStillParses() {
        String old = "{\"dataType\":\"wine\",\"model\":{\"name\":\"m1\",\"version\":\"1\",\"modelType\":\"constant\","
                + "\"dataType\":\"wine\",\"description\":null,\"since\":\"2026-01-01T00:00:00Z\"},\"invocations\":3,"
                + "\"failures\":0,\"noModel\":0,\"totalSeconds\":3.0E-6,\"minSeconds\":1.0E-6,\"maxSeconds\":1.0E-6,"
                + "\"meanSeconds\":1.0E-6,\"updatesAccepted\":1,\"updatesRejected\":0,\"lastRejection\":null,"
                + "\"scope\":\"instance\",\"instance\":\"b:2\"}";

        assertThat(ServingJson.parseInstanceStats(old)).isEqualTo(new InstanceStats("b:2",
                new ServingStats("wine", PRIMARY, 3, 0, 0, 3_000, 1_000, 1_000, 1, 0, "")));
    }

    private static FixedView view(String instance, ServingStats stats) {
        return new FixedView(instance, Map.of("wine", PRIMARY), Map.of("wine", stats), Readiness.up(), List.of()) {
            @Override
            public Map<String, List<ModelInfo>> candidates() {
                return Map.of("wine", stats.candidates().stream().map(CandidateStats::model).toList());
            }
        };
    }

    private static ServingStats stats(CandidateStats... candidates) {
        return new ServingStats("wine", PRIMARY, 50, 1, 0, 50_000, 500, 2_000, 3, 0, "", List.of(candidates));
    }

    /** A shadow that saw {@code records}, each taking 1 µs, two failed, three late and one skipped. */
    private static CandidateStats shadow(ModelInfo model, long records, long compared, long agreed,
                                         double meanDifference) {
        return new CandidateStats(model, 0, records, Math.min(records, 2), records * 1_000,
                new ShadowComparison(records, compared, agreed, meanDifference, Math.min(records, 2), 3, 1, 5_000));
    }

    private static CandidateStats canary(double percent, long invocations) {
        return new CandidateStats(CANARY, percent, invocations, 0, invocations * 2_000, null);
    }
}
