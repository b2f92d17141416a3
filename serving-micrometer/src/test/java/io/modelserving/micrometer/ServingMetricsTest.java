package io.modelserving.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelserving.EnsembleResult;
import io.modelserving.EnsembleResult.Status;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServingMetricsTest {

    private static final ModelInfo M1 = new ModelInfo("m1", "1", "constant", "wine", "", Instant.EPOCH);
    private static final ModelInfo CANARY = M1.as(ModelRole.CANARY, Instant.EPOCH);
    private static final ModelInfo SHADOW = new ModelInfo("m3", "", "constant", "wine", "", Instant.EPOCH,
            ModelRole.SHADOW);
    private static final ModelInfo FAST = new ModelInfo("fast", "2", "constant", "wine", "", Instant.EPOCH,
            ModelRole.ENSEMBLE);
    private static final ModelInfo SLOW = new ModelInfo("slow", "", "constant", "wine", "", Instant.EPOCH,
            ModelRole.ENSEMBLE);
    /** The ensemble's own identity, which a record names when its decider accepted no answer. */
    private static final ModelInfo VOTE = new ModelInfo("vote", "1", "ensemble", "wine", "", Instant.EPOCH,
            ModelRole.ENSEMBLE);

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

    @Test
    void ensembleDecisionsAreCountedByChosenMemberAndEachMembersPartByStatus() {
        metrics.ensembleDecided(decision(member(M1, Status.SCORED, 1_000, true), member(FAST, Status.SCORED, 2_000,
                false), member(SLOW, Status.UNANSWERED, 50_000, false)));
        metrics.ensembleDecided(decision(member(M1, Status.SCORED, 3_000, false), member(FAST, Status.SCORED, 4_000,
                true), member(SLOW, Status.SKIPPED, 0, false)));
        metrics.ensembleDecided(decision(member(M1, Status.SCORED, 5_000, true), member(FAST, Status.FAILED, 6_000,
                false), member(SLOW, Status.SCORED, 7_000, false)));
        metrics.ensembleDecided(decision(member(M1, Status.UNANSWERED, 50_000, false), member(FAST, Status.FAILED,
                8_000, false), member(SLOW, Status.UNANSWERED, 50_000, false)));

        assertThat(count("modelserving.ensemble.decisions", "chosen", "m1:1", "decider", "majority")).isEqualTo(2);
        assertThat(count("modelserving.ensemble.decisions", "chosen", "fast:2", "data_type", "wine")).isEqualTo(1);
        assertThat(count("modelserving.ensemble.decisions", "chosen", "none", "data_type", "wine")).isEqualTo(1);
        assertThat(count("modelserving.ensemble.members", "model", "m1:1", "status", "scored")).isEqualTo(3);
        assertThat(count("modelserving.ensemble.members", "model", "m1:1", "status", "unanswered")).isEqualTo(1);
        assertThat(count("modelserving.ensemble.members", "model", "fast:2", "status", "scored")).isEqualTo(2);
        assertThat(count("modelserving.ensemble.members", "model", "fast:2", "status", "failed")).isEqualTo(2);
        assertThat(count("modelserving.ensemble.members", "model", "slow", "status", "unanswered")).isEqualTo(2);
        assertThat(count("modelserving.ensemble.members", "model", "slow", "status", "skipped")).isEqualTo(1);
        assertThat(count("modelserving.ensemble.members", "model", "slow", "status", "scored")).isEqualTo(1);
        // Only answers are timed: a member not waited for or not asked has no latency of its own.
        var fast = registry.get("modelserving.ensemble.member.latency").tag("model", "fast:2").timer();
        assertThat(fast.count()).isEqualTo(4);
        assertThat(fast.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(2_000 + 4_000 + 6_000 + 8_000);
        var slow = registry.get("modelserving.ensemble.member.latency").tag("model", "slow").timer();
        assertThat(slow.count()).isEqualTo(1);
        assertThat(slow.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(7_000);
        assertThat(registry.get("modelserving.ensemble.member.latency").tag("model", "m1:1").timer().count())
                .isEqualTo(3);
        assertThat(tagKeys("modelserving.ensemble.decisions")).containsOnly(Set.of("data_type", "decider", "chosen"));
        assertThat(tagKeys("modelserving.ensemble.members")).containsOnly(Set.of("data_type", "model", "status"));
    }

    @Test
    void recordsServedByAnEnsembleMemberOrFailedByTheEnsembleAreTaggedEnsemble() {
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, FAST, 2_000));
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, FAST, 3_000));
        metrics.scored(new ScoringResult.Failed<>("wine", "ensemble vote:1: decider 'majority' accepted no answer",
                VOTE, 100_000));
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 1_000));

        assertThat(count("modelserving.records", "role", "ensemble", "outcome", "scored")).isEqualTo(2);
        assertThat(count("modelserving.records", "role", "ensemble", "outcome", "failed")).isEqualTo(1);
        assertThat(count("modelserving.records", "role", "primary", "outcome", "scored")).isEqualTo(1);
    }

    @Test
    void ensembleMetersShareTheCapOnDataTypes() {
        for (int i = 0; i < ServingMetrics.MAX_DATA_TYPE_TAGS; i++) {
            metrics.scored(new ScoringResult.NoModel<>("type-" + i));
        }
        metrics.ensembleDecided(decision(member(M1, Status.SCORED, 1_000, true)));

        assertThat(count("modelserving.ensemble.decisions", "data_type", ServingMetrics.OTHER, "chosen", "m1:1"))
                .isEqualTo(1);
        assertThat(registry.find("modelserving.ensemble.members").tag("data_type", "wine").counters()).isEmpty();
    }

    private static EnsembleResult decision(EnsembleResult.Member... members) {
        return new EnsembleResult("majority", List.of(members));
    }

    private static EnsembleResult.Member member(ModelInfo model, Status status, long nanos, boolean chosen) {
        return new EnsembleResult.Member(model, status, nanos, chosen, status == Status.SCORED ? "" : "not used");
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
