package io.modelserving.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServingMetricsTest {

    private static final ModelInfo M1 = new ModelInfo("m1", "1", "constant", "wine", "", Instant.EPOCH);
    private static final ModelInfo CANARY = M1.as(ModelRole.CANARY, Instant.EPOCH);
    private static final ModelInfo SHADOW = new ModelInfo("m3", "", "constant", "wine", "", Instant.EPOCH,
            ModelRole.SHADOW);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServingMetrics metrics = new ServingMetrics(registry);

    @Test
    void countsOutcomesDeadLettersAndScoringTime() {
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 2_000));
        metrics.scored(new ScoringResult.Failed<>("wine", "bad", M1, 3_000));
        metrics.scored(new ScoringResult.NoModel<>("beer"));
        metrics.deadLettered(new DeadLetter(DeadLetterKind.NO_MODEL, "none", "data", 0, 1, "", "beer"));

        assertThat(registry.get("modelserving.records").tag("outcome", "scored").counter().count()).isEqualTo(1);
        assertThat(registry.get("modelserving.records").tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("modelserving.records").tag("data_type", "beer").counter().count()).isEqualTo(1);
        assertThat(registry.get("modelserving.scoring").tag("data_type", "wine").timer().count()).isEqualTo(2);
        assertThat(registry.get("modelserving.dead.letters").tag("kind", "no-model").counter().count()).isEqualTo(1);
    }

    @Test
    void dataTypesFromUntrustedRecordsCannotGrowTheTagsWithoutBound() {
        for (int i = 0; i < ServingMetrics.MAX_DATA_TYPE_TAGS + 50; i++) {
            metrics.scored(new ScoringResult.NoModel<>("type-" + i));
        }
        long tagged = registry.find("modelserving.records").counters().stream()
                .map(counter -> counter.getId().getTag("data_type")).distinct().count();
        assertThat(tagged).isEqualTo(ServingMetrics.MAX_DATA_TYPE_TAGS + 1);
        assertThat(registry.get("modelserving.records").tag("data_type", ServingMetrics.OTHER).counter().count())
                .isEqualTo(50);
    }

    @Test
    void recordsAndScoringTimeAreTaggedWithTheRoleOfTheModelThatServed() {
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 1_000));
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, CANARY, 5_000));
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, CANARY, 7_000));
        metrics.scored(new ScoringResult.Failed<>("wine", "bad", CANARY, 9_000));
        metrics.scored(new ScoringResult.NoModel<>("wine"));

        assertThat(count("modelserving.records", "role", "canary", "outcome", "scored")).isEqualTo(2);
        assertThat(count("modelserving.records", "role", "canary", "outcome", "failed")).isEqualTo(1);
        assertThat(count("modelserving.records", "role", "primary", "outcome", "scored")).isEqualTo(1);
        assertThat(count("modelserving.records", "role", "primary", "outcome", "no-model")).isEqualTo(1);
        assertThat(registry.get("modelserving.scoring").tag("role", "canary").timer().totalTime(
                TimeUnit.NANOSECONDS)).isEqualTo(5_000 + 7_000 + 9_000);
        // Prometheus needs every series of one name to have the same tag keys.
        assertThat(tagKeys("modelserving.records")).containsOnly(Set.of("data_type", "outcome", "role"));
        assertThat(tagKeys("modelserving.scoring")).containsOnly(Set.of("data_type", "role"));
    }

    @Test
    void shadowResultsAreCountedByOutcomeAndTheirDifferenceRecordedWhenCompared() {
        metrics.shadowed(shadow(scored(5.0), true, true, 0.25));
        metrics.shadowed(shadow(scored(5.0), true, true, 0.75));
        metrics.shadowed(shadow(scored(6.0), true, false, 2.0));
        metrics.shadowed(shadow(scored(6.0), false, false, Double.NaN));
        metrics.shadowed(shadow(failed("model error: boom"), false, false, Double.NaN));
        metrics.shadowed(late(failed("not waited for: the shadow took longer than its deadline of 100 ms"),
                ShadowResult.Status.TIMED_OUT));
        metrics.shadowed(late(failed("not waited for: the scoring thread was interrupted"),
                ShadowResult.Status.TIMED_OUT));
        metrics.shadowed(late(failed("not scored: every shadow thread was busy"), ShadowResult.Status.SKIPPED));

        assertThat(count("modelserving.shadow.results", "outcome", "agreed", "model", "m3")).isEqualTo(2);
        assertThat(count("modelserving.shadow.results", "outcome", "disagreed", "data_type", "wine")).isEqualTo(1);
        assertThat(count("modelserving.shadow.results", "outcome", "not-compared", "model", "m3")).isEqualTo(1);
        assertThat(count("modelserving.shadow.results", "outcome", "failed", "model", "m3")).isEqualTo(1);
        assertThat(count("modelserving.shadow.results", "outcome", "timed-out", "model", "m3")).isEqualTo(2);
        assertThat(count("modelserving.shadow.results", "outcome", "skipped", "model", "m3")).isEqualTo(1);
        var difference = registry.get("modelserving.shadow.difference").tag("model", "m3").summary();
        assertThat(difference.count()).isEqualTo(3);
        assertThat(difference.totalAmount()).isEqualTo(0.25 + 0.75 + 2.0);
        assertThat(difference.max()).isEqualTo(2.0);
    }

    private double count(String name, String key1, String value1, String key2, String value2) {
        return registry.get(name).tag(key1, value1).tag(key2, value2).counter().count();
    }

    private Set<Set<String>> tagKeys(String name) {
        return registry.find(name).meters().stream()
                .map(meter -> meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
    }

    private static ScoringResult<Double> scored(double value) {
        return new ScoringResult.Scored<>("wine", value, SHADOW, 1_000);
    }

    private static ScoringResult<Double> failed(String reason) {
        return new ScoringResult.Failed<>("wine", reason, SHADOW, 0);
    }

    private static ShadowResult<Double> shadow(ScoringResult<Double> result, boolean compared, boolean agrees,
                                               double difference) {
        return new ShadowResult<>(SHADOW, result, compared, agrees, difference);
    }

    private static ShadowResult<Double> late(ScoringResult<Double> result, ShadowResult.Status status) {
        return new ShadowResult<>(SHADOW, result, false, false, Double.NaN, status);
    }
}
