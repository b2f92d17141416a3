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

/**
 * A data type's shadow, canary and ensemble members in {@code /models} and {@code /state}, on one instance and
 * across two.
 */
class CandidatesEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelInfo PRIMARY = new ModelInfo("m1", "1", "constant", "wine", "",
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final ModelInfo SHADOW = new ModelInfo("m2", "", "constant", "wine", "shadowing",
            Instant.parse("2026-01-02T00:00:00Z"), ModelRole.SHADOW);
    private static final ModelInfo CANARY = new ModelInfo("m3", "7", "constant", "wine", "",
            Instant.parse("2026-01-03T00:00:00Z"), ModelRole.CANARY);
    private static final ModelInfo NEWER_SHADOW = SHADOW.as(ModelRole.SHADOW, Instant.parse("2026-01-04T00:00:00Z"));
    private static final ModelInfo FAST = new ModelInfo("fast", "1", "constant", "wine", "",
            Instant.parse("2026-01-05T00:00:00Z"), ModelRole.ENSEMBLE);
    private static final ModelInfo SLOW = new ModelInfo("slow", "", "constant", "wine", "",
            Instant.parse("2026-01-05T00:00:00Z"), ModelRole.ENSEMBLE);
    /** The fast member in a newer version, as one instance has it during a swap. */
    private static final ModelInfo NEWER_FAST = new ModelInfo("fast", "2", "constant", "wine", "",
            Instant.parse("2026-01-06T00:00:00Z"), ModelRole.ENSEMBLE);

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
        assertThat(canary.path("p99Seconds").asDouble()).isEqualTo(3e-6);
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
    void modelsListsEachEnsembleMemberWithItsRole() throws Exception {
        ServingStats stats = stats(shadow(SHADOW, 4, 4, 4, 0.0), member(FAST, 10, 1, 3_000), member(SLOW, 8, 0, 9_000));
        JsonNode candidates = JSON.readTree(http.get(http.start(view("a:1", stats)), "/models").body())
                .path("candidates").path("wine");

        assertThat(candidates).hasSize(3);
        assertThat(candidates.get(0).path("role").asText()).isEqualTo("shadow");
        for (int i = 1; i < 3; i++) {
            assertThat(candidates.get(i).path("role").asText()).isEqualTo("ensemble");
            assertThat(candidates.get(i).get("canaryPercent").isNull()).isTrue();
        }
        assertThat(candidates.get(1).path("name").asText()).isEqualTo("fast");
        assertThat(candidates.get(1).path("version").asText()).isEqualTo("1");
        assertThat(candidates.get(2).path("name").asText()).isEqualTo("slow");
    }

    @Test
    void instanceStateShowsEachEnsembleMemberAndRoundTripsThroughAPeer() throws Exception {
        ServingStats stats = stats(member(FAST, 10, 1, 3_000), member(SLOW, 8, 0, 9_000));
        String body = http.get(http.start(view("a:1", stats)), "/state/wine?scope=instance").body();
        JsonNode candidates = JSON.readTree(body).path("candidates");

        assertThat(candidates).hasSize(2);
        JsonNode fast = candidates.get(0);
        assertThat(fast.path("role").asText()).isEqualTo("ensemble");
        assertThat(fast.path("model").path("name").asText()).isEqualTo("fast");
        assertThat(fast.path("model").path("role").asText()).isEqualTo("ensemble");
        assertThat(fast.path("invocations").asLong()).isEqualTo(10);
        assertThat(fast.path("failures").asLong()).isEqualTo(1);
        assertThat(fast.path("meanSeconds").asDouble()).isEqualTo(3_000 / 1e9);
        assertThat(fast.get("canaryPercent").isNull()).isTrue();
        assertThat(fast.get("comparison").isNull()).isTrue();
        assertThat(candidates.get(1).path("model").path("name").asText()).isEqualTo("slow");
        assertThat(candidates.get(1).path("invocations").asLong()).isEqualTo(8);

        assertThat(ServingJson.parseInstanceStats(body)).isEqualTo(new InstanceStats("a:1", stats));
    }

    @Test
    void applicationStateAddsUpEachEnsembleMemberByNameAcrossInstances() throws Exception {
        ServingStats a = stats(shadow(SHADOW, 40, 30, 24, 0.5), member(FAST, 10, 1, 3_000),
                member(SLOW, 8, 0, 9_000));
        // b lists its members the other way round and already has the newer fast member.
        ServingStats b = stats(member(SLOW, 2, 2, 5_000), member(NEWER_FAST, 30, 0, 1_000));
        ServingHttpServer peer = http.start(view("b:2", b));
        ServingHttpServer server = http.start(new FixedView("a:1", Map.of(), Map.of("wine", a), Readiness.up(),
                List.of(peer.uri())));

        JsonNode candidates = JSON.readTree(http.get(server, "/state/wine").body()).path("candidates");

        assertThat(candidates).hasSize(3);
        assertThat(candidates.get(0).path("role").asText()).isEqualTo("shadow");
        assertThat(candidates.get(0).path("invocations").asLong()).isEqualTo(40);
        JsonNode fast = candidates.get(1);
        assertThat(fast.path("role").asText()).isEqualTo("ensemble");
        assertThat(fast.path("model").path("name").asText()).isEqualTo("fast");
        assertThat(fast.path("model").path("version").asText()).isEqualTo("2");
        assertThat(fast.path("invocations").asLong()).isEqualTo(10 + 30);
        assertThat(fast.path("failures").asLong()).isEqualTo(1);
        assertThat(fast.path("totalSeconds").asDouble()).isCloseTo((10 * 3_000 + 30 * 1_000) / 1e9, within(1e-15));
        // Percentiles do not add up: the largest instance's p99 is the bound shown.
        assertThat(fast.path("p99Seconds").asDouble()).isEqualTo(2 * 3_000 / 1e9);
        JsonNode slow = candidates.get(2);
        assertThat(slow.path("model").path("name").asText()).isEqualTo("slow");
        assertThat(slow.path("invocations").asLong()).isEqualTo(8 + 2);
        assertThat(slow.path("failures").asLong()).isEqualTo(2);
        assertThat(slow.path("meanSeconds").asDouble())
                .isCloseTo((8 * 9_000 + 2 * 5_000) / 10 / 1e9, within(1e-15));
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

    /** An ensemble member that took {@code nanosEach} on each of its {@code invocations}, with a p99 of twice that. */
    private static CandidateStats member(ModelInfo model, long invocations, long failures, long nanosEach) {
        return new CandidateStats(model, 0, invocations, failures, invocations * nanosEach, null, 2 * nanosEach);
    }

    private static CandidateStats canary(double percent, long invocations) {
        return new CandidateStats(CANARY, percent, invocations, 0, invocations * 2_000, null, 3_000);
    }
}
