package io.modelserving.akka.javadsl;

import static org.assertj.core.api.Assertions.assertThat;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.japi.Pair;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.testkit.TestPublisher;
import akka.stream.testkit.TestSubscriber;
import akka.stream.testkit.javadsl.TestSink;
import akka.stream.testkit.javadsl.TestSource;
import akka.testkit.javadsl.TestKit;
import com.typesafe.config.ConfigFactory;
import io.modelserving.Ensemble;
import io.modelserving.EnsembleDeciders;
import io.modelserving.EnsembleResult;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelInfo;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelRole;
import io.modelserving.ModelUpdate;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.testkit.TestModels;
import io.modelserving.testkit.models.ConstantModelFactory;
import io.modelserving.testkit.models.FailingModelFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelServingFlowTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final scala.concurrent.duration.FiniteDuration WITHIN =
            scala.concurrent.duration.FiniteDuration.apply(30, TimeUnit.SECONDS);
    private static ActorSystem system;

    private final BlockingQueue<ModelUpdate> updates = new LinkedBlockingQueue<>();
    private GatedModelFactory gated;
    private ModelProcessor<Features, Prediction> processor;

    @BeforeAll
    static void startSystem() {
        system = ActorSystem.create("ModelServingFlowTest",
                ConfigFactory.parseString("akka.loglevel = WARNING").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stopSystem() {
        TestKit.shutdownActorSystem(system);
    }

    @BeforeEach
    void newProcessor() {
        gated = new GatedModelFactory();
        processor = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(new ConstantModelFactory(), new FailingModelFactory(), gated))
                .listener(updates::add)
                .build();
    }

    private ServingSettings settings(int parallelism, int batchSize) {
        return ServingSettings.create(system).withParallelism(parallelism)
                .withBatch(batchSize, Duration.ofMillis(10)).withNoModelPolicy(NoModelPolicy.DEAD_LETTER);
    }

    /** Data and models from probes, scored records into a probe. */
    private final class Harness {
        final TestPublisher.Probe<ModelDescriptor> models;
        final TestPublisher.Probe<Features> data;
        final TestSubscriber.Probe<ScoredRecord<Features, Prediction>> out;
        final ServingControl control;

        Harness(ServingSettings settings) {
            Pair<TestPublisher.Probe<ModelDescriptor>, Source<ModelDescriptor, NotUsed>> modelProbe =
                    TestSource.<ModelDescriptor>create(system).preMaterialize(system);
            models = modelProbe.first();
            var materialized = TestSource.<Features>create(system)
                    .viaMat(ModelServing.flow(modelProbe.second(), processor, Features::dataType, settings),
                            Keep.both())
                    .toMat(TestSink.create(system), Keep.both())
                    .run(system);
            data = materialized.first().first();
            control = materialized.first().second();
            out = materialized.second();
        }

        ModelUpdate publish(ModelDescriptor model) throws InterruptedException {
            models.sendNext(model);
            ModelUpdate update = updates.poll(LONG.toSeconds(), TimeUnit.SECONDS);
            assertThat(update).as("update of " + model.name()).isNotNull();
            return update;
        }

        List<ScoredRecord<Features, Prediction>> score(double... values) {
            for (double value : values) {
                data.sendNext(TestModels.features("wine", value));
            }
            out.request(values.length);
            List<ScoredRecord<Features, Prediction>> scored = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                scored.add(out.expectNext(WITHIN));
            }
            return scored;
        }
    }

    private static String modelOf(ScoredRecord<Features, Prediction> scored) {
        return scored.result().modelInfo().map(ModelInfo::name).orElse("none");
    }

    private static double valueOf(ScoredRecord<Features, Prediction> scored) {
        return ((ScoringResult.Scored<Prediction>) scored.result()).value().value();
    }

    @Test
    void aModelSwapsMidStreamAndEachRecordNamesTheModelThatScoredIt() throws Exception {
        Harness h = new Harness(settings(1, 1));
        assertThat(h.publish(TestModels.constant("m1", "wine", 1.0)).accepted()).isTrue();
        List<ScoredRecord<Features, Prediction>> before = h.score(1, 2, 3);
        assertThat(h.publish(TestModels.constant("m2", "wine", 2.0)).accepted()).isTrue();
        List<ScoredRecord<Features, Prediction>> after = h.score(4, 5);

        assertThat(before).extracting(ModelServingFlowTest::modelOf).containsExactly("m1", "m1", "m1");
        assertThat(before).extracting(ModelServingFlowTest::valueOf).containsExactly(1.0, 1.0, 1.0);
        assertThat(after).extracting(ModelServingFlowTest::modelOf).containsExactly("m2", "m2");
        assertThat(after).extracting(ModelServingFlowTest::valueOf).containsExactly(2.0, 2.0);
        assertThat(h.control.currentModels().get("wine").name()).isEqualTo("m2");
        h.data.sendComplete();
        h.out.expectComplete();
    }

    @Test
    void eachScoredRecordCarriesItsShadowsResultAndItsEnsemblesDecision() throws Exception {
        Harness h = new Harness(settings(1, 4));
        assertThat(h.publish(TestModels.constant("m1", "wine", 1.0)).accepted()).isTrue();
        assertThat(h.publish(TestModels.constant("s", "wine", 2.0).withRole(ModelRole.SHADOW, 0)).accepted())
                .isTrue();
        assertThat(h.publish(ModelDescriptor.builder("vote", "wine", Ensemble.MODEL_TYPE)
                .ensemble(new Ensemble(List.of(TestModels.constant("e1", "wine", 1.0)), EnsembleDeciders.MAJORITY,
                        LONG)).build()).accepted()).isTrue();

        List<ScoredRecord<Features, Prediction>> scored = h.score(1, 2, 3);

        assertThat(scored).extracting(ModelServingFlowTest::valueOf).containsExactly(1.0, 1.0, 1.0);
        assertThat(scored).allSatisfy(record -> {
            assertThat(record.shadowIfAny().orElseThrow().model().name()).isEqualTo("s");
            assertThat(((ScoringResult.Scored<Prediction>) record.shadow().result()).value().value())
                    .isEqualTo(2.0);
            assertThat(record.shadow().agrees()).isFalse();
            EnsembleResult decision = record.ensembleIfAny().orElseThrow();
            assertThat(decision.members()).extracting(member -> member.model().name()).containsExactly("m1", "e1");
            // Both agree on 1.0, so the majority is decided once both are in.
            assertThat(decision.members()).extracting(EnsembleResult.Member::status)
                    .containsOnly(EnsembleResult.Status.SCORED);
            assertThat(decision.chosen().orElseThrow().model().name()).isEqualTo(modelOf(record));
        });
        h.data.sendComplete();
        h.out.expectComplete();
    }

    @Test
    void recordsKeepFlowingWhileARecordStreamSwapsModelsUnderIt() throws Exception {
        // Records stream continuously while m2 loads and swaps in: every record is scored exactly once, by m1
        // before the swap and by m2 after it (one thread scores in order, so never m1 after m2).
        Harness h = new Harness(settings(1, 1));
        h.publish(TestModels.constant("m1", "wine", 1.0));
        h.out.request(400);
        for (int i = 0; i < 200; i++) {
            h.data.sendNext(TestModels.features("wine", i));
        }
        h.models.sendNext(TestModels.constant("m2", "wine", 2.0));
        for (int i = 200; i < 400; i++) {
            h.data.sendNext(TestModels.features("wine", i));
        }
        List<ScoredRecord<Features, Prediction>> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            all.add(h.out.expectNext(WITHIN));
        }
        assertThat(updates.poll(30, TimeUnit.SECONDS).accepted()).isTrue();
        List<String> models = all.stream().map(ModelServingFlowTest::modelOf).toList();
        int firstM2 = models.indexOf("m2");
        assertThat(all).extracting(s -> s.input().value(0))
                .containsExactlyElementsOf(IntStream.range(0, 400).mapToObj(i -> (double) i).toList());
        assertThat(models).allMatch(m -> m.equals("m1") || m.equals("m2"));
        if (firstM2 >= 0) {
            assertThat(models.subList(firstM2, models.size())).containsOnly("m2");
        }
        assertThat(h.score(400)).extracting(ModelServingFlowTest::modelOf).containsExactly("m2");
    }

    @Test
    void withoutAModelTheDeadLetterPolicyGivesNoModelAtOnce() {
        Harness h = new Harness(settings(2, 4));
        ScoredRecord<Features, Prediction> scored = h.score(7).get(0);
        assertThat(scored.result()).isInstanceOf(ScoringResult.NoModel.class);
        assertThat(scored.input().value(0)).isEqualTo(7.0);
        assertThat(processor.stats("wine").noModel()).isEqualTo(1);
    }

    @Test
    void theWaitPolicyHoldsARecordWhileItsFirstModelLoadsButNeverForAnUnpublishedOne() throws Exception {
        Harness h = new Harness(settings(2, 1).withNoModelPolicy(NoModelPolicy.WAIT).withNoModelWait(LONG));
        h.models.sendNext(ModelDescriptor.builder("late", "wine", "gated")
                .bytes("9".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(gated.loading.await(30, TimeUnit.SECONDS)).isTrue();
        h.out.request(2);
        h.data.sendNext(TestModels.features("wine", 3));
        h.out.expectNoMessage(Duration.ofMillis(300));
        gated.gate.countDown();
        ScoredRecord<Features, Prediction> scored = h.out.expectNext(WITHIN);
        assertThat(modelOf(scored)).isEqualTo("late");
        assertThat(valueOf(scored)).isEqualTo(9.0);
        assertThat(processor.stats("wine").noModel()).isZero();

        // A data type nobody published a model for is not held, however long the wait.
        h.data.sendNext(TestModels.features("beer", 1));
        assertThat(h.out.expectNext(WITHIN).result()).isInstanceOf(ScoringResult.NoModel.class);
    }

    @Test
    void aRecordThatWaitsInVainIsReleasedAsNoModelAfterTheTimeout() throws Exception {
        Harness h = new Harness(settings(1, 1).withNoModelPolicy(NoModelPolicy.WAIT)
                .withNoModelWait(Duration.ofMillis(200)));
        h.models.sendNext(ModelDescriptor.builder("stuck", "wine", "gated")
                .bytes("9".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(gated.loading.await(30, TimeUnit.SECONDS)).isTrue();
        List<ScoredRecord<Features, Prediction>> scored = h.score(1, 2);
        gated.gate.countDown();
        assertThat(scored).extracting(s -> s.result().getClass().getSimpleName()).containsExactly("NoModel", "NoModel");
        assertThat(scored).extracting(s -> s.input().value(0)).containsExactly(1.0, 2.0);
    }

    @Test
    void aRejectedModelLeavesTheCurrentModelServing() throws Exception {
        Harness h = new Harness(settings(2, 2));
        h.publish(TestModels.constant("good", "wine", 1.0));
        ModelUpdate rejected = h.publish(TestModels.failingOnLoad("bad", "wine"));
        assertThat(rejected.accepted()).isFalse();
        List<ScoredRecord<Features, Prediction>> scored = h.score(1, 2, 3);
        assertThat(scored).extracting(ModelServingFlowTest::modelOf).containsOnly("good");
        assertThat(processor.stats("wine").updatesRejected()).isEqualTo(1);
        assertThat(processor.stats("wine").lastRejection()).contains("refuses to load");
    }

    @Test
    void aModelThatFailsRecordsGivesFailuresAndTheStreamGoesOn() throws Exception {
        Harness h = new Harness(settings(2, 3));
        h.publish(TestModels.failingOnNegative("picky", "wine"));
        List<ScoredRecord<Features, Prediction>> scored = h.score(1, -1, 2);
        assertThat(scored.get(0).result().isScored()).isTrue();
        assertThat(scored.get(1).result()).isInstanceOfSatisfying(ScoringResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("picky"));
        assertThat(valueOf(scored.get(2))).isEqualTo(2.0);
    }

    @Test
    void aModelThatTakesLongToLoadDoesNotStallScoring() throws Exception {
        Harness h = new Harness(settings(2, 1));
        h.publish(TestModels.constant("old", "wine", 1.0));
        h.models.sendNext(ModelDescriptor.builder("big", "wine", "gated")
                .bytes("5".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(gated.loading.await(30, TimeUnit.SECONDS)).isTrue();
        // The new model is stuck loading: records are still scored, by the old one.
        assertThat(h.score(1, 2, 3, 4)).extracting(ModelServingFlowTest::modelOf).containsOnly("old");
        gated.gate.countDown();
        assertThat(updates.poll(30, TimeUnit.SECONDS).accepted()).isTrue();
        assertThat(h.score(5)).extracting(ModelServingFlowTest::valueOf).containsExactly(5.0);
    }

    @Test
    void aSlowDownstreamNeverMakesTheStagePullMoreThanItsBuffer() throws Exception {
        int parallelism = 2;
        int batchSize = 3;
        processor.update(TestModels.constant("m1", "wine", 1.0));
        AtomicInteger pulled = new AtomicInteger();
        Source<Features, NotUsed> counting = Source.fromIterator(() -> new java.util.Iterator<Features>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Features next() {
                return TestModels.features("wine", pulled.getAndIncrement());
            }
        });
        TestSubscriber.Probe<ScoredRecord<Features, Prediction>> out = counting
                .via(ModelServing.flow(Source.<ModelDescriptor>never(), processor, Features::dataType,
                        settings(parallelism, batchSize)))
                .runWith(TestSink.create(system), system);
        // Nothing requested downstream: the stage may hold `parallelism` batches; groupedWithin in front of it
        // one more batch and one element that no longer fits.
        int bound = (parallelism + 1) * batchSize + 1;
        out.ensureSubscription();
        out.expectNoMessage(Duration.ofMillis(500));
        assertThat(pulled.get()).isLessThanOrEqualTo(bound).isGreaterThanOrEqualTo(parallelism * batchSize);
        out.request(10);
        List<Double> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(out.expectNext(WITHIN).input().value(0));
        }
        assertThat(first).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
        out.expectNoMessage(Duration.ofMillis(300));
        assertThat(pulled.get()).isLessThanOrEqualTo(10 + bound);
        out.cancel();
    }

    @Test
    void parallelBatchedScoringKeepsInputOrderAndScoresEveryRecordOnce() throws Exception {
        processor.update(TestModels.constant("m1", "wine", 1.0));
        List<ScoredRecord<Features, Prediction>> scored = Source.range(0, 1999)
                .map(i -> TestModels.features("wine", i))
                .via(ModelServing.flow(Source.<ModelDescriptor>empty(), processor, Features::dataType,
                        settings(4, 8)))
                .runWith(Sink.seq(), system)
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(scored).extracting(s -> s.input().value(0))
                .containsExactlyElementsOf(IntStream.range(0, 2000).mapToObj(i -> (double) i).toList());
        assertThat(scored).allMatch(s -> s.result().isScored());
        assertThat(processor.stats("wine").invocations()).isEqualTo(2000);
    }

    @Test
    void theContextOfEachRecordRidesAlongWithItsScore() throws Exception {
        processor.update(TestModels.constant("m1", "wine", 4.0));
        List<Pair<ScoredRecord<Features, Prediction>, String>> out = Source.range(0, 99)
                .map(i -> Pair.create(TestModels.features("wine", i), "ctx-" + i))
                .via(ModelServing.<Features, Prediction, String>flowWithContext(
                                Source.<ModelDescriptor>empty(), processor,
                                Features::dataType, settings(2, 4).withNoModelWait(LONG))
                        .asFlow())
                .runWith(Sink.seq(), system)
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(out).hasSize(100);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).second()).isEqualTo("ctx-" + i);
            assertThat(out.get(i).first().input().value(0)).isEqualTo(i);
            assertThat(valueOf(out.get(i).first())).isEqualTo(4.0);
        }
    }
}
