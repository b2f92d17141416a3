package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Ensemble;
import io.modelserving.EnsembleDeciders;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.PromotionRule;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.testkit.TestModels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelMessagesTest {

    private final List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
            .factories(TestModels.factories())
            // Every shadow result must count here, on a busy machine too.
            .shadowDeadline(Duration.ofSeconds(30))
            .listener(update -> {
                if (update.accepted()) {
                    accepted.add(update.model().version());
                }
            })
            .build();
    private final ServingCore<Features, Prediction> core = ServingCore.builder(ServingSpec.forFeatures(processor))
            .topics(ServingTopics.of("data", "models", "scored", "dlq")).build();
    private final ModelMessages models = core.models();
    private long offset;

    @AfterEach
    void close() {
        core.close();
        processor.close();
    }

    @Test
    void everyLiveBadModelIsReleasedOnceInOffsetOrderAndTheGoodOneStays() throws Exception {
        models.restoreEnded();
        accept(TestModels.constant("m1", "wine", 1.0));
        int bad = 0;
        for (int i = 0; i < 30; i++) {
            if (i % 3 == 0) {
                accept("garbage".getBytes(StandardCharsets.UTF_8));
            } else {
                accept(TestModels.descriptor("bad-" + i, "wine", i % 3 == 1 ? "no-such-type" : "constant", "x"));
            }
            bad++;
        }
        awaitIdle();

        List<ModelMessages.BadModel> letters = models.deadLettersAfter(partition -> -1);
        assertThat(letters).hasSize(bad);
        assertThat(letters).extracting(ModelMessages.BadModel::offset).isSorted().doesNotHaveDuplicates();
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.output().topic()).isEqualTo("dlq");
            assertThat(letter.output().deadLetter().kind().isModel()).isTrue();
            assertThat(letter.output().deadLetter().reason()).isNotBlank();
        });
        assertThat(processor.currentModel("wine").orElseThrow().name()).isEqualTo("m1");
        models.written(letters.get(letters.size() - 1));
        assertThat(models.deadLettersAfter(partition -> -1)).isEmpty();
    }

    @Test
    void duringTheRestoreANewerVersionSupersedesOneStillWaitingAndIsServedLast() throws Exception {
        for (int v = 1; v <= 20; v++) {
            accept(ModelDescriptor.builder("m", "wine", "constant").version(Integer.toString(v))
                    .bytes(Integer.toString(v).getBytes(StandardCharsets.UTF_8)).build());
        }
        models.restoreEnded();
        models.restoreLoaded().get();
        assertThat(processor.currentModel("wine").orElseThrow().version()).isEqualTo("20");
        List<Integer> versions = accepted.stream().map(Integer::parseInt).toList();
        assertThat(versions).as("never goes back").isSorted().doesNotHaveDuplicates().endsWith(20);

    }

    @Test
    void aMessageFromASecondPartitionIsDeadLetteredNotApplied() {
        models.restoreEnded();
        models.accept(new InputRecord("wine".getBytes(StandardCharsets.UTF_8),
                Codecs.modelDescriptors().encode(TestModels.constant("m1", "wine", 1.0)), null,
                new ScoredRecord.Origin("models", 1, 0)));
        List<ModelMessages.BadModel> letters = models.deadLettersAfter(partition -> -1);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).output().deadLetter().reason())
                .isEqualTo("Model topic 'models' has a partition 1; it must have exactly one, so that every "
                        + "instance applies model messages in the order they were published");
        assertThat(processor.currentModel("wine")).isEmpty();
        assertThat(models.loading()).isFalse();
    }

    @Test
    void aRejectedModelBringsTheLastAcceptedOneBackButARejectedRepublishDoesNot() throws Exception {
        models.restoreEnded();
        byte[] good = Codecs.modelDescriptors().encode(TestModels.constant("m1", "wine", 1.0));
        accept(good);
        accept(TestModels.failingOnLoad("bad", "wine"));
        awaitIdle();
        List<ModelMessages.BadModel> letters = models.deadLettersAfter(partition -> -1);
        assertThat(letters).hasSize(1);
        OutputRecord again = letters.get(0).republish();
        assertThat(again.topic()).isEqualTo("models");
        assertThat(again.value()).isEqualTo(good);
        assertThat(new String(again.key(), StandardCharsets.UTF_8)).isEqualTo("wine");
        assertThat(new String(again.headers().lastHeader(ModelMessages.REPUBLISHED_AFTER).value(),
                StandardCharsets.UTF_8)).isEqualTo("1");
        models.written(letters.get(0));

        // A republished message that fails (say, a load timeout) is dead-lettered, never republished again.
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add(ModelMessages.REPUBLISHED_AFTER, "1".getBytes(StandardCharsets.UTF_8));
        models.accept(new InputRecord("wine".getBytes(StandardCharsets.UTF_8),
                Codecs.modelDescriptors().encode(TestModels.failingOnLoad("bad-again", "wine")), headers,
                new ScoredRecord.Origin("models", 0, offset++)));
        awaitIdle();
        assertThat(models.deadLettersAfter(partition -> 1)).singleElement()
                .satisfies(letter -> assertThat(letter.republish()).isNull());
    }

    @Test
    void aRejectedModelsDeadLetterKeepsItsKeyBytesAndOwnHeadersForAReplay() throws Exception {
        models.restoreEnded();
        byte[] bad = Codecs.modelDescriptors().encode(TestModels.failingOnLoad("bad", "wine"));
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add("traceparent", "00-7".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REASON, "forged".getBytes(StandardCharsets.UTF_8));
        models.accept(new InputRecord("wine".getBytes(StandardCharsets.UTF_8), bad, headers,
                new ScoredRecord.Origin("models", 0, offset++)));
        awaitIdle();

        OutputRecord letter = models.deadLettersAfter(partition -> -1).get(0).output();
        assertThat(letter.deadLetter().kind()).isEqualTo(DeadLetterKind.MODEL_REJECTED);
        assertThat(letter.deadLetter().sourceTopic()).isEqualTo("models");
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("wine");
        assertThat(letter.value()).isEqualTo(bad);
        assertThat(new String(letter.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-7");
        assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .as("the library's own header is its own, never the message's").isNotEqualTo("forged");
    }

    @Test
    void eachRoleIsDeployedRetiredAndPromotedThroughItsOwnKey() throws Exception {
        models.restoreEnded();
        accept("wine", TestModels.constant("m1", "wine", 1.0));
        ModelDescriptor shadow = TestModels.constant("m2", "wine", 2.0).withRole(ModelRole.SHADOW, 0);
        accept("wine:shadow", shadow);
        awaitIdle();
        assertThat(processor.candidateModels().get("wine")).extracting(ModelInfo::name).containsExactly("m2");

        models.accept(new InputRecord("wine:shadow".getBytes(StandardCharsets.UTF_8), null, null,
                new ScoredRecord.Origin("models", 0, offset++)));
        awaitIdle();
        assertThat(processor.candidateModels()).isEmpty();
        assertThat(processor.currentModel("wine").orElseThrow().name()).isEqualTo("m1");

        accept("wine:shadow", shadow);
        accept("wine", shadow.withRole(ModelRole.PRIMARY, 0));
        awaitIdle();
        assertThat(processor.currentModel("wine").orElseThrow().name()).isEqualTo("m2");
        assertThat(processor.candidateModels()).isEmpty();
        assertThat(models.deadLettersAfter(partition -> -1)).isEmpty();
    }

    @Test
    void aModelUnderTheKeyOfAnotherRoleIsDeadLetteredNotApplied() throws Exception {
        models.restoreEnded();
        accept("wine", TestModels.constant("m1", "wine", 1.0));
        accept("wine", TestModels.constant("m2", "wine", 2.0).withRole(ModelRole.SHADOW, 0));
        accept("wine:canary", TestModels.constant("m3", "wine", 3.0));
        awaitIdle();

        List<ModelMessages.BadModel> letters = models.deadLettersAfter(partition -> -1);
        assertThat(letters).extracting(letter -> letter.output().deadLetter().reason()).containsExactly(
                "a shadow model of data type 'wine' published under key 'wine', the key of a primary; publish it "
                        + "under key 'wine:shadow'",
                "a primary model of data type 'wine' published under key 'wine:canary', the key of a canary; "
                        + "publish it under key 'wine'");
        assertThat(letters).allSatisfy(letter -> assertThat(letter.republish()).isNull());
        assertThat(processor.currentModel("wine").orElseThrow().name()).isEqualTo("m1");
        assertThat(processor.candidateModels()).isEmpty();
    }

    @Test
    void duringTheRestoreANewerMessageSupersedesOnlyOneOfItsOwnRole() throws Exception {
        accept("wine", TestModels.constant("p1", "wine", 1.0));
        accept("wine:shadow", TestModels.constant("s1", "wine", 1.0).withRole(ModelRole.SHADOW, 0));
        accept("wine:canary", TestModels.constant("c1", "wine", 1.0).withRole(ModelRole.CANARY, 10));
        accept("wine", TestModels.constant("p2", "wine", 1.0));
        accept("wine:canary", null);
        models.restoreEnded();
        models.restoreLoaded().get();

        assertThat(processor.currentModel("wine").orElseThrow().name()).isEqualTo("p2");
        assertThat(processor.candidateModels().get("wine")).extracting(ModelInfo::name).containsExactly("s1");
    }

    @Test
    void aShadowsRuleIsJudgedOnTheRecordsScoredAndItsVerdictIsAModelMessageToPublishOnce() throws Exception {
        models.restoreEnded();
        accept("wine", TestModels.constant("m1", "wine", 1.0));
        ModelDescriptor shadow = ModelDescriptor.builder("m2", "wine", "constant").version("2")
                .bytes("1.0".getBytes(StandardCharsets.UTF_8)).shadow()
                .promotion(new PromotionRule(5, 1.0, Duration.ZERO, 0)).build();
        accept("wine:shadow", shadow);
        awaitIdle();

        serve(4);
        assertThat(models.ruledDecisions()).isEmpty();
        serve(1);
        List<OutputRecord> decisions = models.ruledDecisions();

        assertThat(decisions).hasSize(2);
        OutputRecord previous = decisions.get(0);
        assertThat(new String(previous.key(), StandardCharsets.UTF_8)).isEqualTo("wine:previous");
        assertThat(Codecs.modelDescriptors().decode(previous.value()).get())
                .isEqualTo(TestModels.constant("m1", "wine", 1.0).withRole(ModelRole.PREVIOUS, 0));
        OutputRecord promotion = decisions.get(1);
        assertThat(promotion.topic()).isEqualTo("models");
        assertThat(new String(promotion.key(), StandardCharsets.UTF_8)).isEqualTo("wine");
        assertThat(Codecs.modelDescriptors().decode(promotion.value()).get())
                .isEqualTo(shadow.withRole(ModelRole.PRIMARY, 0));
        assertThat(new String(promotion.headers().lastHeader(ModelMessages.DECIDED_BY_RULE).value(),
                StandardCharsets.UTF_8)).startsWith("promote by rule").contains("5 compared, 100.0% agreed");
        assertThat(models.ruledDecisions()).as("once").isEmpty();

        int updatesBefore = accepted.size();
        for (OutputRecord decision : decisions) {
            models.accept(new InputRecord(decision.key(), decision.value(), decision.headers(),
                    new ScoredRecord.Origin("models", 0, offset++)));
        }
        awaitIdle();
        assertThat(processor.currentModel("wine").orElseThrow().name()).isEqualTo("m2");
        assertThat(processor.candidateModels()).isEmpty();
        assertThat(accepted.subList(updatesBefore, accepted.size())).as("the previous primary is kept, never loaded")
                .containsExactly("2");
        assertThat(models.deadLettersAfter(partition -> -1)).isEmpty();
    }

    @Test
    void aShadowThatKeepsFailingIsRetiredByItsRule() throws Exception {
        models.restoreEnded();
        accept("wine", TestModels.constant("m1", "wine", 1.0));
        ModelDescriptor failing = TestModels.failing("f", "wine");
        accept("wine:shadow", ModelDescriptor.builder(failing.name(), "wine", failing.modelType())
                .bytes(((io.modelserving.ModelPayload.Bytes) failing.payload()).data()).shadow()
                .promotion(new PromotionRule(1_000, 0.9, Duration.ZERO, 3)).build());
        awaitIdle();

        serve(2);
        assertThat(models.ruledDecisions()).isEmpty();
        serve(1);

        assertThat(models.ruledDecisions()).singleElement().satisfies(retirement -> {
            assertThat(new String(retirement.key(), StandardCharsets.UTF_8)).isEqualTo("wine:shadow");
            assertThat(retirement.value()).isNull();
        });
    }

    @Test
    void aCanarysRuleIsJudgedOnTheRecordsItServedAndItsPromotionPublished() throws Exception {
        models.restoreEnded();
        accept("wine", TestModels.constant("m1", "wine", 1.0));
        ModelDescriptor canary = ModelDescriptor.builder("c", "wine", "constant").version("2")
                .bytes("2.0".getBytes(StandardCharsets.UTF_8)).canary(100)
                .promotion(new PromotionRule(3, 0, Duration.ZERO, 0)).build();
        accept("wine:canary", canary);
        awaitIdle();

        serve(2);
        assertThat(models.ruledDecisions()).isEmpty();
        serve(1);
        List<OutputRecord> decisions = models.ruledDecisions();

        assertThat(decisions).extracting(decision -> new String(decision.key(), StandardCharsets.UTF_8))
                .containsExactly("wine:previous", "wine");
        assertThat(Codecs.modelDescriptors().decode(decisions.get(1).value()).get())
                .isEqualTo(canary.withRole(ModelRole.PRIMARY, 0));
        assertThat(new String(decisions.get(1).headers().lastHeader(ModelMessages.DECIDED_BY_RULE).value(),
                StandardCharsets.UTF_8)).startsWith("promote by rule").contains("3 served, 0 failed");
    }

    @Test
    void aCanaryThatKeepsFailingIsRolledBackByItsRuleAndItsKeysGoBackToThePrimary() throws Exception {
        models.restoreEnded();
        accept("wine", TestModels.constant("m1", "wine", 1.0));
        ModelDescriptor failing = TestModels.failing("f", "wine");
        accept("wine:canary", ModelDescriptor.builder(failing.name(), "wine", failing.modelType())
                .bytes(((io.modelserving.ModelPayload.Bytes) failing.payload()).data()).canary(100)
                .promotion(new PromotionRule(1_000, 0, Duration.ZERO, 2)).build());
        awaitIdle();

        serve(1);
        assertThat(models.ruledDecisions()).isEmpty();
        serve(1);
        List<OutputRecord> decisions = models.ruledDecisions();

        assertThat(decisions).singleElement().satisfies(retirement -> {
            assertThat(new String(retirement.key(), StandardCharsets.UTF_8)).isEqualTo("wine:canary");
            assertThat(retirement.value()).isNull();
            assertThat(new String(retirement.headers().lastHeader(ModelMessages.DECIDED_BY_RULE).value(),
                    StandardCharsets.UTF_8)).startsWith("retire by rule").contains("2 failed");
        });
        models.accept(new InputRecord(decisions.get(0).key(), null, decisions.get(0).headers(),
                new ScoredRecord.Origin("models", 0, offset++)));
        awaitIdle();
        assertThat(processor.candidateModels()).isEmpty();
        assertThat(serveOne().result().modelInfo().orElseThrow().name()).isEqualTo("m1");
    }

    @Test
    void anEnsembleIsDeployedAndRetiredThroughItsOwnKeyAndRefusedUnderAnother() throws Exception {
        models.restoreEnded();
        accept("wine", TestModels.constant("m1", "wine", 1.0));
        ModelDescriptor ensemble = ModelDescriptor.builder("vote", "wine", Ensemble.MODEL_TYPE).version("1")
                .ensemble(new Ensemble(List.of(TestModels.constant("a", "wine", 1.0),
                        TestModels.constant("b", "wine", 2.0)), EnsembleDeciders.MAJORITY, Duration.ofSeconds(5)))
                .build();

        accept("wine", ensemble);
        awaitIdle();
        assertThat(processor.candidateModels()).isEmpty();
        assertThat(models.deadLettersAfter(partition -> -1)).singleElement()
                .satisfies(letter -> assertThat(letter.output().deadLetter().reason())
                        .contains("an ensemble model", "publish it under key 'wine:ensemble'"));

        accept("wine:ensemble", ensemble);
        awaitIdle();
        assertThat(processor.candidateModels().get("wine")).extracting(ModelInfo::name).containsExactly("a", "b");
        ScoredRecord<Features, Prediction> scored = serveOne();
        assertThat(scored.ensemble().members()).extracting(member -> member.model().name())
                .containsExactly("m1", "a", "b");
        assertThat(scored.result().modelInfo().orElseThrow().name()).isIn("m1", "a");

        accept("wine:ensemble", null);
        awaitIdle();
        assertThat(processor.candidateModels()).isEmpty();
        assertThat(serveOne().ensemble()).isNull();
    }

    private ScoredRecord<Features, Prediction> serveOne() {
        RecordServing<Features, Prediction> records = core.records();
        OutputRecord output = records.serve(records.decode(new InputRecord("k".getBytes(StandardCharsets.UTF_8),
                Codecs.features().encode(TestModels.features("wine", 1)), null,
                new ScoredRecord.Origin("data", 0, 0))));
        return Codecs.scoredRecords(Codecs.features(), Codecs.predictions()).decode(output.value()).get();
    }

    private void serve(int count) {
        RecordServing<Features, Prediction> records = core.records();
        for (int i = 0; i < count; i++) {
            records.serve(records.decode(new InputRecord(("k" + i).getBytes(StandardCharsets.UTF_8),
                    Codecs.features().encode(TestModels.features("wine", i + 1)), null,
                    new ScoredRecord.Origin("data", 0, i))));
        }
    }

    private void accept(String key, ModelDescriptor descriptor) {
        models.accept(new InputRecord(key.getBytes(StandardCharsets.UTF_8),
                descriptor == null ? null : Codecs.modelDescriptors().encode(descriptor), null,
                new ScoredRecord.Origin("models", 0, offset++)));
    }

    private void accept(ModelDescriptor descriptor) {
        accept(Codecs.modelDescriptors().encode(descriptor));
    }

    private void accept(byte[] value) {
        models.accept(new InputRecord("wine".getBytes(StandardCharsets.UTF_8), value, null,
                new ScoredRecord.Origin("models", 0, offset++)));
    }

    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (models.loading() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(models.loading()).isFalse();
    }
}
