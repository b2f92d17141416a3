package io.modelserving;

import static io.modelserving.LinearProcessors.linear;
import static io.modelserving.LinearProcessors.reason;
import static io.modelserving.LinearProcessors.value;
import static io.modelserving.TestFactories.features;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnsembleTest {

    private final LinearProcessors fixture = new LinearProcessors();
    private final TestFactories.LinearFactory linear = fixture.linear;

    @AfterEach
    void releaseHungModels() {
        fixture.close();
    }

    @Test
    void aHangingPrimaryIsOvertakenByTheFirstValidMember() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "hang").build());
        assertThat(processor.update(ensemble(EnsembleDeciders.FIRST_VALID, 5_000, linear("fast", "2,1"))).accepted())
                .isTrue();
        Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

        long start = System.nanoTime();
        ScoredRecord<Features, Prediction> scored = scorer.scoreRecord(features("wine", 3));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(value(scored.result())).isEqualTo(7.0);
        assertThat(scored.result().modelInfo().orElseThrow().name()).isEqualTo("fast");
        assertThat(scored.result().modelInfo().orElseThrow().role()).isEqualTo(ModelRole.ENSEMBLE);
        EnsembleResult decision = scored.ensemble();
        assertThat(decision.decider()).isEqualTo(EnsembleDeciders.FIRST_VALID);
        assertThat(decision.members()).extracting(member -> member.model().name()).containsExactly("primary", "fast");
        assertThat(decision.members()).extracting(EnsembleResult.Member::status)
                .containsExactly(EnsembleResult.Status.UNANSWERED, EnsembleResult.Status.SCORED);
        assertThat(decision.chosen().orElseThrow().model().name()).isEqualTo("fast");
        assertThat(decision.members().get(0).latencyNanos()).isPositive();
        // Decided on the fast member's answer, not at the 5 s deadline, and never held by the hung primary.
        assertThat(elapsedMillis).isLessThan(4_000);
    }

    @Test
    void whenEveryMemberHangsTheRecordFailsAtTheDeadlineWithTheReason() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "hang").build());
        processor.update(ensemble(EnsembleDeciders.FIRST_VALID, 200, linear("also-hangs", "hang"),
                linear("fails", "fail")));

        long start = System.nanoTime();
        ScoredRecord<Features, Prediction> scored = processor.scorer(Features::dataType)
                .scoreRecord(features("wine", 3));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(reason(scored.result()))
                .startsWith("ensemble vote:1: decider 'first-valid' accepted no answer within 200 ms")
                .contains("primary:1 no answer", "also-hangs:1 no answer",
                        "fails:1 failed: IllegalStateException: this model always fails");
        assertThat(scored.result().modelInfo().orElseThrow().role()).isEqualTo(ModelRole.ENSEMBLE);
        assertThat(scored.ensemble().chosen()).isEmpty();
        assertThat(scored.ensemble().members()).extracting(EnsembleResult.Member::status)
                .containsExactly(EnsembleResult.Status.UNANSWERED, EnsembleResult.Status.UNANSWERED,
                        EnsembleResult.Status.FAILED);
        assertThat(elapsedMillis).isBetween(200L, 10_000L);
    }

    @Test
    void aMajorityServesTheValueMostMembersAgreeOn() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> builder
                .comparison(ResultComparison.numeric(0.5)));
        processor.update(linear("primary", "1,0").build());
        processor.update(ensemble(EnsembleDeciders.MAJORITY, 5_000, linear("same", "1,0.2"),
                linear("other", "3,0")));
        List<Features> records = new ArrayList<>();
        for (int x = 1; x <= 20; x++) {
            records.add(features("wine", x));
        }

        Scorer<Features, Prediction>.Pinned pinned = processor.scorer(Features::dataType).pin(records);
        List<ScoringResult<Prediction>> results = pinned.score();

        for (int i = 0; i < records.size(); i++) {
            double x = i + 1;
            ScoringResult<Prediction> result = results.get(i);
            String chosen = result.modelInfo().orElseThrow().name();
            // primary (x) and same (x + 0.2) agree within 0.5; other (3x) agrees with neither.
            assertThat(chosen).isIn("primary", "same");
            assertThat(value(result)).isEqualTo(chosen.equals("primary") ? x : x + 0.2);
            assertThat(pinned.ensembles().get(i).chosen().orElseThrow().model().name()).isEqualTo(chosen);
        }
    }

    @Test
    void withoutAMajorityTheMostAgreedAnswerWinsOnceAllHaveAnswered() {
        EnsembleDecider<Prediction> majority = EnsembleDeciders.majority(ResultComparison.numeric(0));
        List<ScoringResult<Prediction>> answers = List.of(scored("a", 1), scored("b", 2), scored("c", 2),
                scored("d", 3));

        assertThat(majority.choose(answers, 4, false)).isEqualTo(EnsembleDecider.WAIT);
        assertThat(majority.choose(answers, 4, true)).isEqualTo(1);
        assertThat(majority.choose(answers.subList(0, 3), 3, false)).isEqualTo(1);
        assertThat(majority.choose(List.of(failed("a")), 1, true)).isEqualTo(EnsembleDecider.WAIT);
    }

    @Test
    void theHighestConfidenceWinsAmongClassifiers() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "class:a:0.6").build());
        processor.update(ensemble(EnsembleDeciders.HIGHEST_CONFIDENCE, 5_000, linear("sure", "class:b:0.9"),
                linear("unsure", "class:c:0.7")));

        ScoredRecord<Features, Prediction> scored = processor.scorer(Features::dataType)
                .scoreRecord(features("wine", 1));

        assertThat(((ScoringResult.Scored<Prediction>) scored.result()).value().label()).isEqualTo("b");
        assertThat(scored.ensemble().members()).extracting(EnsembleResult.Member::chosen)
                .containsExactly(false, true, false);
        assertThat(scored.ensemble().members()).extracting(EnsembleResult.Member::status)
                .containsOnly(EnsembleResult.Status.SCORED);
    }

    @Test
    void aMemberWithEveryCallStillRunningIsSkippedAndTheOthersDecide() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> builder.callsPerMember(1));
        processor.update(linear("primary", "1,0").build());
        processor.update(ensemble(EnsembleDeciders.FIRST_VALID, 100, linear("hangs", "hang")));
        Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

        ScoredRecord<Features, Prediction> first = scorer.scoreRecord(features("wine", 1));
        ScoredRecord<Features, Prediction> second = scorer.scoreRecord(features("wine", 2));

        assertThat(value(first.result())).isEqualTo(1.0);
        assertThat(value(second.result())).isEqualTo(2.0);
        assertThat(first.ensemble().members().get(1).status()).isEqualTo(EnsembleResult.Status.UNANSWERED);
        assertThat(second.ensemble().members().get(1).status()).isEqualTo(EnsembleResult.Status.SKIPPED);
        assertThat(second.ensemble().members().get(1).reason()).contains("earlier calls");
    }

    @Test
    void aCustomDeciderIsFoundByNameAndOneThatThrowsFailsOnlyItsRecords() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> builder
                .decider("last-answer", (answers, asked, last) -> last ? answers.size() - 1 : EnsembleDecider.WAIT)
                .decider("broken", (answers, asked, last) -> {
                    throw new IllegalStateException("no idea");
                }));
        processor.update(linear("primary", "1,0").build());
        processor.update(ensemble("last-answer", 5_000, linear("slow", "1,5,300")));
        Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

        assertThat(value(scorer.score(features("wine", 1)))).isEqualTo(6.0);

        processor.update(ensemble("broken", 5_000, linear("slow", "1,5")));
        assertThat(reason(scorer.score(features("wine", 1))))
                .startsWith("ensemble vote:1: decider 'broken' failed: IllegalStateException: no idea");
    }

    @Test
    void anUnknownDeciderOrABadMemberRejectsTheEnsembleAndKeepsTheCurrentOne() {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "1,0").build());
        processor.update(ensemble(EnsembleDeciders.FIRST_VALID, 5_000, linear("good", "1,1")));
        int created = linear.created.size();

        ModelUpdate unknown = processor.update(ensemble("coin-toss", 5_000, linear("good", "1,1")));
        ModelUpdate badMember = processor.update(ensemble(EnsembleDeciders.FIRST_VALID, 5_000,
                linear("loads", "1,2"), ModelDescriptor.builder("missing", "wine", "no-such-type").bytes(new byte[1])));

        assertThat(unknown.reason()).contains("unknown ensemble decider 'coin-toss'", "first-valid", "majority");
        assertThat(badMember.reason()).contains("ensemble member missing: No model factory for model type");
        // The member that did load before the bad one was closed, not leaked.
        assertThat(linear.created).hasSize(created + 1);
        assertThat(linear.created.get(created).closed).isTrue();
        assertThat(processor.candidateModels().get("wine")).extracting(ModelInfo::name).containsExactly("good");
        assertThat(processor.candidateModels().get("wine")).extracting(ModelInfo::role)
                .containsExactly(ModelRole.ENSEMBLE);
    }

    @Test
    void retiringTheEnsembleLeavesThePrimaryAloneAndClosesTheMembers() throws InterruptedException {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "1,0").build());
        processor.update(ensemble(EnsembleDeciders.FIRST_VALID, 5_000, linear("member", "hang")));
        Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);
        scorer.scoreRecord(features("wine", 1));

        processor.retire("wine", ModelRole.ENSEMBLE);
        ScoredRecord<Features, Prediction> scored = scorer.scoreRecord(features("wine", 2));

        assertThat(value(scored.result())).isEqualTo(2.0);
        assertThat(scored.ensemble()).isNull();
        assertThat(processor.candidateModels()).isEmpty();
        assertThat(processor.stats("wine").candidates()).isEmpty();
        // The hung call still holds the member; it closes once that call returns.
        assertThat(linear.created.get(1).closed).isFalse();
        linear.release.countDown();
        waitUntil(() -> linear.created.get(1).closed);
    }

    @Test
    void membersAreCountedAsCandidatesOfTheirDataType() throws InterruptedException {
        ModelProcessor<Features, Prediction> processor = fixture.processor(builder -> { });
        processor.update(linear("primary", "1,0").build());
        processor.update(ensemble(EnsembleDeciders.MAJORITY, 5_000, linear("a", "1,0"), linear("b", "1,0")));
        List<Features> records = List.of(features("wine", 1), features("wine", 2), features("wine", 3));

        processor.scorer(Features::dataType).scoreBatch(records);

        ServingStats stats = processor.stats("wine");
        assertThat(stats.invocations()).isEqualTo(3);
        assertThat(stats.candidates()).extracting(CandidateStats::role).containsOnly(ModelRole.ENSEMBLE);
        assertThat(stats.candidates()).extracting(candidate -> candidate.model().name()).containsExactly("a", "b");
        // A member that was not waited for may still be scoring; each counts its batch once it is done.
        waitUntil(() -> processor.stats("wine").candidates().stream()
                .allMatch(candidate -> candidate.invocations() == 3));
    }

    @Test
    void anEnsembleDescriptorIsCheckedWhenBuilt() {
        ModelDescriptor member = linear("a", "1,0").build();
        assertThatThrownBy(() -> new Ensemble(List.of(), EnsembleDeciders.MAJORITY, Duration.ofMillis(1)))
                .hasMessageContaining("1 to 8 members");
        assertThatThrownBy(() -> new Ensemble(List.of(member, member), EnsembleDeciders.MAJORITY,
                Duration.ofMillis(1))).hasMessageContaining("two ensemble members are named a");
        assertThatThrownBy(() -> new Ensemble(List.of(member), EnsembleDeciders.MAJORITY, Duration.ofMinutes(2)))
                .hasMessageContaining("at most 60 s");
        assertThatThrownBy(() -> ensemble(EnsembleDeciders.MAJORITY, 10,
                ModelDescriptor.builder("beer-model", "beer", "linear").bytes(new byte[1])))
                .hasMessageContaining("has member beer-model of data type beer");
        assertThatThrownBy(() -> ModelDescriptor.builder("vote", "wine", "linear")
                .ensemble(new Ensemble(List.of(member), EnsembleDeciders.MAJORITY, Duration.ofMillis(5))).build())
                .hasMessageContaining("its model type is 'ensemble'");
        assertThatThrownBy(() -> ModelDescriptor.builder("vote", "wine", "linear").role(ModelRole.ENSEMBLE)
                .bytes(new byte[1]).build()).hasMessageContaining("an ensemble without members");
    }

    private ModelDescriptor ensemble(String decider, long deadlineMillis, ModelDescriptor.Builder... members) {
        List<ModelDescriptor> built = new ArrayList<>();
        for (ModelDescriptor.Builder member : members) {
            built.add(member.build());
        }
        return ModelDescriptor.builder("vote", "wine", Ensemble.MODEL_TYPE).version("1")
                .ensemble(new Ensemble(built, decider, Duration.ofMillis(deadlineMillis)))
                .build();
    }

    private static ScoringResult<Prediction> scored(String model, double value) {
        return new ScoringResult.Scored<>("wine", Prediction.of(value),
                new ModelInfo(model, "", "linear", "wine", "", java.time.Instant.EPOCH), 0);
    }

    private static ScoringResult<Prediction> failed(String model) {
        return new ScoringResult.Failed<>("wine", "no", new ModelInfo(model, "", "linear", "wine", "",
                java.time.Instant.EPOCH), 0);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(giveUp);
            Thread.sleep(10);
        }
    }
}
