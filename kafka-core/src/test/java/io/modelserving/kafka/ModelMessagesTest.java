package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
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
