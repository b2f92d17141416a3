package io.modelserving;

import static io.modelserving.LinearProcessors.linear;
import static io.modelserving.LinearProcessors.reason;
import static io.modelserving.LinearProcessors.value;
import static io.modelserving.TestFactories.features;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.internal.CanaryRoutes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelRolesTest {

    private final LinearProcessors fixture = new LinearProcessors();
    private final TestFactories.LinearFactory linear = fixture.linear;

    @AfterEach
    void releaseHungModels() {
        fixture.close();
    }

    @Test
    void aShadowScoresBesideThePrimaryWithoutChangingWhatIsServedAndItsStatsAddUp() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> builder
                .comparison(ResultComparison.numeric(2.0)));
        processor.update(linear("primary", "1,10").build());
        processor.update(linear("candidate", "1.1,10").shadow().build());
        List<Features> records = new ArrayList<>();
        for (int x = 0; x < 50; x++) {
            records.add(features("wine", x));
        }

        Scorer<Features, Prediction>.Pinned pinned = processor.scorer(Features::dataType).pin(records);
        List<ScoringResult<Prediction>> results = pinned.score();

        int agreed = 0;
        double differenceSum = 0;
        for (int x = 0; x < 50; x++) {
            assertThat(value(results.get(x))).isEqualTo(x + 10.0);
            assertThat(results.get(x).modelInfo().orElseThrow().role()).isEqualTo(ModelRole.PRIMARY);
            ShadowResult<Prediction> shadow = pinned.shadows().get(x);
            assertThat(shadow.model().name()).isEqualTo("candidate");
            assertThat(shadow.model().role()).isEqualTo(ModelRole.SHADOW);
            assertThat(value(shadow.result())).isCloseTo(1.1 * x + 10, org.assertj.core.data.Offset.offset(1e-9));
            double difference = Math.abs((1.1 * x + 10) - (x + 10.0));
            assertThat(shadow.compared()).isTrue();
            assertThat(shadow.agrees()).isEqualTo(difference <= 2.0);
            agreed += difference <= 2.0 ? 1 : 0;
            differenceSum += difference;
        }
        ShadowComparison comparison = processor.stats("wine").candidate(ModelRole.SHADOW).orElseThrow().comparison();
        assertThat(comparison.records()).isEqualTo(50);
        assertThat(comparison.compared()).isEqualTo(50);
        assertThat(comparison.agreed()).isEqualTo(agreed).isBetween(1L, 49L);
        assertThat(comparison.meanAbsoluteDifference()).isCloseTo(differenceSum / 50,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(comparison.p99Nanos()).isPositive();
        assertThat(processor.stats("wine").invocations()).isEqualTo(50);
    }

    @Test
    void aFailingShadowIsCountedAndNeverFailsARecord() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "1,0").build());
        processor.update(linear("throws", "fail").shadow().build());

        Scorer<Features, Prediction>.Pinned pinned = processor.scorer(Features::dataType)
                .pin(List.of(features("wine", 1), features("wine", 2)));
        List<ScoringResult<Prediction>> results = pinned.score();

        assertThat(results).extracting(LinearProcessors::value).containsExactly(1.0, 2.0);
        assertThat(pinned.shadows()).allSatisfy(shadow -> {
            assertThat(shadow.result()).isInstanceOf(ScoringResult.Failed.class);
            assertThat(shadow.status()).isEqualTo(ShadowResult.Status.FAILED);
            assertThat(shadow.compared()).isFalse();
        });
        CandidateStats stats = processor.stats("wine").candidate(ModelRole.SHADOW).orElseThrow();
        assertThat(stats.failures()).isEqualTo(2);
        assertThat(stats.comparison().compared()).isZero();
        assertThat(stats.comparison().agreementRate()).isNaN();
    }

    @Test
    void aHangingShadowDelaysNoRecordBeyondItsDeadlineAndIsSkippedWhileItHoldsEveryThread() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> builder
                .shadowDeadline(Duration.ofMillis(50)).shadowThreads(1));
        processor.update(linear("primary", "1,0").build());
        processor.update(linear("hangs", "hang").shadow().build());
        Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

        long start = System.nanoTime();
        ScoredRecord<Features, Prediction> first = scorer.scoreRecord(features("wine", 3));
        ScoredRecord<Features, Prediction> second = scorer.scoreRecord(features("wine", 4));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(value(first.result())).isEqualTo(3.0);
        assertThat(value(second.result())).isEqualTo(4.0);
        assertThat(reason(first.shadow().result())).startsWith("not waited for");
        assertThat(reason(second.shadow().result())).startsWith("not scored");
        assertThat(first.shadow().status()).isEqualTo(ShadowResult.Status.TIMED_OUT);
        assertThat(second.shadow().status()).isEqualTo(ShadowResult.Status.SKIPPED);
        // The hung call would never return without the release; both records came back all the same.
        assertThat(elapsedMillis).isLessThan(30_000);
        ShadowComparison comparison = processor.stats("wine").candidate(ModelRole.SHADOW).orElseThrow().comparison();
        assertThat(comparison.records()).isEqualTo(2);
        assertThat(comparison.timedOut()).isEqualTo(1);
        assertThat(comparison.skipped()).isEqualTo(1);
    }

    @Test
    void aCanaryTakesAStableShareOfKeysOnEveryProcessor() {
        int keys = 10_000;
        List<Features> records = new ArrayList<>();
        long[] routes = new long[keys];
        for (int i = 0; i < keys; i++) {
            records.add(features("wine", i));
            routes[i] = Scorer.route(("key-" + i).getBytes(StandardCharsets.UTF_8));
        }
        Set<Integer> firstRun = canaryIndexes(records, routes);
        Set<Integer> afterRestart = canaryIndexes(records, routes);

        // 20 % of 10,000 keys: the binomial standard deviation is 40 keys; allow four of them.
        assertThat(firstRun.size()).isBetween(2_000 - 160, 2_000 + 160);
        assertThat(afterRestart).isEqualTo(firstRun);
        for (int i = 0; i < keys; i++) {
            assertThat(firstRun.contains(i)).isEqualTo(Math.floorMod(routes[i], 10_000) < 2_000);
        }
    }

    @Test
    void promotingTheShadowMovesItsLoadedModelToPrimaryWithoutLoadingItAgain() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("old", "1,0").build());
        ModelDescriptor shadow = linear("new", "2,0").shadow().build();
        processor.update(shadow);
        Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);
        Scorer<Features, Prediction>.Pinned before = scorer.pin(List.of(features("wine", 5)));

        ModelUpdate update = processor.update(shadow.withRole(ModelRole.PRIMARY, 0));

        assertThat(update.accepted()).isTrue();
        assertThat(linear.created).hasSize(2);
        assertThat(processor.currentModel("wine").orElseThrow().name()).isEqualTo("new");
        assertThat(processor.currentModel("wine").orElseThrow().role()).isEqualTo(ModelRole.PRIMARY);
        assertThat(processor.candidateModels()).isEmpty();
        // The old primary stays open for the batch pinned before the promotion, and closes once it is scored.
        assertThat(linear.created.get(0).closed).isFalse();
        // A record pinned before the promotion is scored by the models of that moment; one after, by the new primary.
        assertThat(value(before.score().get(0))).isEqualTo(5.0);
        assertThat(before.shadows().get(0).model().name()).isEqualTo("new");
        assertThat(linear.created.get(0).closed).isTrue();
        ScoredRecord<Features, Prediction> after = scorer.scoreRecord(features("wine", 5));
        assertThat(value(after.result())).isEqualTo(10.0);
        assertThat(after.shadow()).isNull();
        assertThat(linear.created.get(1).closed).isFalse();
    }

    @Test
    void aCanaryIsPromotedTheSameWayAndAnotherPrimaryLeavesTheCandidatesInPlace() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        ModelDescriptor canary = linear("canary", "3,0").canary(50).build();
        processor.update(linear("first", "1,0").build());
        processor.update(canary);
        processor.update(linear("second", "1,1").build());
        assertThat(processor.candidateModels().get("wine")).extracting(ModelInfo::name).containsExactly("canary");

        processor.update(canary.withRole(ModelRole.PRIMARY, 0));

        assertThat(linear.created).hasSize(3);
        assertThat(processor.currentModel("wine").orElseThrow().name()).isEqualTo("canary");
        assertThat(processor.candidateModels()).isEmpty();
    }

    @Test
    void retiringARoleClosesOnlyItsModel() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "1,0").build());
        processor.update(linear("shadow", "2,0").shadow().build());

        processor.retire("wine", ModelRole.SHADOW);

        assertThat(linear.created.get(1).closed).isTrue();
        assertThat(linear.created.get(0).closed).isFalse();
        assertThat(processor.candidateModels()).isEmpty();
        processor.update(linear("shadow", "2,0").shadow().build());
        processor.retire("wine", ModelRole.PRIMARY);
        assertThat(processor.currentModel("wine")).isEmpty();
        assertThat(processor.candidateModels().get("wine")).extracting(ModelInfo::role)
                .containsExactly(ModelRole.SHADOW);
    }

    @Test
    void aCanaryShareMustBeAboveZeroAndAtMostAHundred() {
        assertThatThrownBy(() -> linear("c", "1,0").canary(0).build()).hasMessageContaining("canaryPercent");
        assertThatThrownBy(() -> linear("c", "1,0").canary(100.5).build()).hasMessageContaining("100.5");
        assertThat(linear("c", "1,0").canary(100).build().canaryPercent()).isEqualTo(100.0);
        assertThatThrownBy(() -> ModelRole.of("blue")).hasMessageContaining("'blue'");
    }

    private Set<Integer> canaryIndexes(List<Features> records, long[] routes) {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "1,0").build());
        processor.update(linear("canary", "1,1").canary(20).build());
        List<ScoringResult<Prediction>> results = processor.scorer(Features::dataType).pin(records, routes).score();
        Set<Integer> canary = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            ModelInfo model = results.get(i).modelInfo().orElseThrow();
            if (model.role() == ModelRole.CANARY) {
                assertThat(value(results.get(i))).isEqualTo(i + 1.0);
                canary.add(i);
            } else {
                assertThat(value(results.get(i))).isEqualTo(i);
            }
        }
        assertThat(CanaryRoutes.takes(routes[0], 20)).isEqualTo(canary.contains(0));
        return canary;
    }
}
