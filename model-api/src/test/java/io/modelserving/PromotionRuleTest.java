package io.modelserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.PromotionRule.Decision;
import io.modelserving.codec.Codecs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromotionRuleTest {

    private final PromotionRule rule = new PromotionRule(100, 0.95, Duration.ofMillis(20), 10);

    @Test
    void promotesOnlyWithEnoughComparedRecordsAgreementAndSpeed() {
        assertThat(rule.decide(comparison(99, 99, 1_000_000, 0, 0))).isEqualTo(Decision.WAIT);
        assertThat(rule.decide(comparison(100, 95, 1_000_000, 0, 0))).isEqualTo(Decision.PROMOTE);
        assertThat(rule.decide(comparison(100, 94, 1_000_000, 0, 0))).isEqualTo(Decision.WAIT);
        assertThat(rule.decide(comparison(1_000, 1_000, 20_000_001, 0, 0))).isEqualTo(Decision.WAIT);
        assertThat(new PromotionRule(100, 0.95, Duration.ZERO, 0).decide(comparison(1_000, 1_000, 20_000_001, 50, 50)))
                .as("no bound on p99 or failures").isEqualTo(Decision.PROMOTE);
    }

    @Test
    void failuresAndTimeoutsTogetherRetireAndRetiringWins() {
        assertThat(rule.decide(comparison(1_000, 1_000, 1_000_000, 6, 3))).isEqualTo(Decision.PROMOTE);
        assertThat(rule.decide(comparison(1_000, 1_000, 1_000_000, 6, 4))).isEqualTo(Decision.RETIRE);
    }

    @Test
    void aCanaryIsPromotedOnTheRecordsItServedAndItsSpeedAndRolledBackOnItsFailures() {
        PromotionRule canaryRule = new PromotionRule(100, 0, Duration.ofMillis(20), 10);

        assertThat(canaryRule.decide(canary(99, 0, 1_000_000))).isEqualTo(Decision.WAIT);
        assertThat(canaryRule.decide(canary(100, 9, 1_000_000))).isEqualTo(Decision.PROMOTE);
        assertThat(canaryRule.decide(canary(100, 0, 20_000_001))).isEqualTo(Decision.WAIT);
        assertThat(canaryRule.decide(canary(100, 10, 1_000_000))).isEqualTo(Decision.RETIRE);
        assertThat(canaryRule.decide(canary(5, 10, 0))).as("retired before it could be promoted")
                .isEqualTo(Decision.RETIRE);
    }

    @Test
    void aShadowsCandidateStatsAreJudgedByItsComparison() {
        CandidateStats shadow = new CandidateStats(model(ModelRole.SHADOW), 0, 100, 0, 0,
                comparison(100, 94, 1_000_000, 0, 0));

        assertThat(rule.decide(shadow)).as("agreement 0.94 < 0.95, though 100 served").isEqualTo(Decision.WAIT);
    }

    @Test
    void badValuesAreRefusedAndOnlyAShadowOrACanaryCarriesARule() {
        assertThatThrownBy(() -> new PromotionRule(0, 0.9, Duration.ZERO, 0)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> new PromotionRule(1, 1.5, Duration.ZERO, 0)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new PromotionRule(1, 0.5, Duration.ofMillis(-1), 0)).hasMessageContaining("maxP99");
        assertThatThrownBy(() -> ModelDescriptor.builder("m", "wine", "onnx").bytes(new byte[1]).promotion(rule)
                .build()).hasMessageContaining("only a shadow or a canary");
        assertThatThrownBy(() -> ModelDescriptor.builder("m", "wine", "onnx").bytes(new byte[1]).canary(5)
                .promotion(rule).build()).hasMessageContaining("minimum agreement must be 0, was 0.95");
        ModelDescriptor canary = ModelDescriptor.builder("m", "wine", "onnx").bytes(new byte[1]).canary(5)
                .promotion(new PromotionRule(10, 0, Duration.ZERO, 3)).build();
        assertThat(Codecs.modelDescriptors().decode(Codecs.modelDescriptors().encode(canary)).get())
                .isEqualTo(canary);
        ModelDescriptor shadow = ModelDescriptor.builder("m", "wine", "onnx").bytes(new byte[1]).shadow()
                .promotion(rule).build();
        assertThat(shadow.withRole(ModelRole.PRIMARY, 0).promotion()).isNull();
        assertThat(Codecs.modelDescriptors().decode(Codecs.modelDescriptors().encode(shadow)).get().promotion())
                .isEqualTo(rule);
    }

    private static CandidateStats canary(long served, long failures, long p99Nanos) {
        return new CandidateStats(model(ModelRole.CANARY), 5, served, failures, served * 1_000, null, p99Nanos);
    }

    private static ModelInfo model(ModelRole role) {
        return new ModelInfo("m", "1", "onnx", "wine", "", java.time.Instant.EPOCH, role);
    }

    private static ShadowComparison comparison(long compared, long agreed, long p99Nanos, long failures,
                                               long timedOut) {
        return new ShadowComparison(compared + failures + timedOut, compared, agreed, 0.0, failures, timedOut, 0,
                p99Nanos);
    }
}
