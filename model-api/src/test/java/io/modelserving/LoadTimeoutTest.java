package io.modelserving;

import static io.modelserving.TestFactories.features;
import static io.modelserving.TestFactories.offset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadTimeoutTest {

    private static final long WAIT_SECONDS = 10;

    /** "hanging": creation blocks until {@link #release} opens, then makes an offset-0 model. */
    static final class HangingFactory implements ModelFactory {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<TestFactories.OffsetModel> created = new AtomicReference<>();

        @Override
        public String modelType() {
            return "hanging";
        }

        @Override
        public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws InterruptedException {
            started.countDown();
            release.await();
            TestFactories.OffsetModel model = new TestFactories.OffsetModel(0);
            created.set(model);
            return model;
        }
    }

    private final HangingFactory hanging = new HangingFactory();
    private final TestFactories.OffsetFactory offsets = new TestFactories.OffsetFactory();
    private final List<ModelUpdate> updates = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseHungLoads() {
        hanging.release.countDown();
    }

    @Test
    void aHungLoadIsRejectedAfterTheTimeoutWithoutHoldingUpOtherDataTypes() throws Exception {
        ModelProcessor<Features, Prediction> processor = processor(Duration.ofSeconds(2));
        processor.update(offset("m1", "wine", 1));

        CompletableFuture<ModelUpdate> slow = updateInBackground(processor, hungModel("h", "wine"));
        assertThat(hanging.started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        ModelUpdate other = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> processor.update(offset("r", "beer", 5)));

        assertThat(other.accepted()).isTrue();
        assertThat(slow).isNotDone();
        ModelUpdate rejected = slow.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(rejected.accepted()).isFalse();
        assertThat(rejected.reason()).contains("loading model h:1 took longer than PT2S");
        assertThat(updates).contains(rejected);
        assertThat(processor.stats("wine").updatesRejected()).isEqualTo(1);
        assertThat(processor.currentModel("wine")).map(ModelInfo::name).contains("m1");

        hanging.release.countDown();
        TestFactories.OffsetModel late = awaitCreated();
        awaitClosed(late);
        assertThat(processor.currentModel("wine")).map(ModelInfo::name).contains("m1");
        assertThat(processor.scorer(Features::dataType).score(features("wine", 1)).isScored()).isTrue();
    }

    @Test
    void updatesOfOneDataTypeStayInCallOrder() throws Exception {
        ModelProcessor<Features, Prediction> processor = processor(Duration.ofMillis(500));

        CompletableFuture<ModelUpdate> first = updateInBackground(processor, hungModel("h", "wine"));
        assertThat(hanging.started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        ModelUpdate second = processor.update(offset("m2", "wine", 2));

        assertThat(updates).extracting(u -> u.model().name()).containsExactly("h", "m2");
        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS).accepted()).isFalse();
        assertThat(second.accepted()).isTrue();
        assertThat(processor.currentModel("wine")).map(ModelInfo::name).contains("m2");
    }

    @Test
    void closeDoesNotWaitForAHungLoadWhoseModelIsClosedWhenItFinishes() throws Exception {
        ModelProcessor<Features, Prediction> processor = processor(Duration.ofMinutes(1));
        processor.update(offset("m1", "wine", 1));
        TestFactories.OffsetModel current = offsets.created.get(0);

        CompletableFuture<ModelUpdate> slow = updateInBackground(processor, hungModel("h", "wine"));
        assertThat(hanging.started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(1), processor::close);

        assertThat(current.closed).isTrue();
        hanging.release.countDown();
        ModelUpdate late = slow.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(late.accepted()).isFalse();
        assertThat(late.reason()).contains("closed");
        assertThat(hanging.created.get().closed).isTrue();
        assertThat(processor.currentModels()).isEmpty();
    }

    @Test
    void aHungWarmUpCountsAgainstTheTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(offsets))
                .loadTimeout(Duration.ofMillis(300))
                .warmUpRecord(dataType -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.of(features(dataType, 1));
                })
                .build();

        ModelUpdate update = processor.update(offset("m1", "wine", 1));

        assertThat(update.accepted()).isFalse();
        assertThat(update.reason()).contains("took longer than PT0.3S");
        never.countDown();
        awaitClosed(offsets.created.get(0));
        assertThat(processor.currentModel("wine")).isEmpty();
    }

    @Test
    void loadTimeoutMustBePositive() {
        assertThat(ModelProcessor.DEFAULT_LOAD_TIMEOUT).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> ModelProcessor.builder().loadTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> ModelProcessor.builder().loadTimeout(Duration.ofSeconds(-3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-3S");
    }

    private ModelProcessor<Features, Prediction> processor(Duration loadTimeout) {
        return ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(offsets, hanging))
                .loadTimeout(loadTimeout)
                .listener(updates::add)
                .build();
    }

    private static ModelDescriptor hungModel(String name, String dataType) {
        return ModelDescriptor.builder(name, dataType, "hanging").version("1").bytes(new byte[0]).build();
    }

    private static CompletableFuture<ModelUpdate> updateInBackground(ModelProcessor<Features, Prediction> processor,
                                                                     ModelDescriptor descriptor) {
        CompletableFuture<ModelUpdate> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(processor.update(descriptor));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private TestFactories.OffsetModel awaitCreated() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (hanging.created.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(hanging.created.get()).as("the hung load finished").isNotNull();
        return hanging.created.get();
    }

    private static void awaitClosed(TestFactories.OffsetModel model) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!model.closed.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(model.closed).as("the late model was closed").isTrue();
    }
}
