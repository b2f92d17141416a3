package io.modelserving;

import static io.modelserving.TestFactories.features;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Swaps models while four threads score: nothing lost, nothing scored by a half-loaded or closed model. */
class ConcurrentSwapTest {

    private static final int SWAPS = 40;

    /** A model that is unusable until its (slow) loading finishes, and again once closed. */
    static final class GenerationModel implements Model<Features, Prediction> {
        private final int generation;
        private volatile boolean loaded;
        private volatile boolean closed;

        GenerationModel(int generation) throws InterruptedException {
            this.generation = generation;
            Thread.sleep(2); // loading takes a while; a record must never see this state
            loaded = true;
        }

        @Override
        public Prediction score(Features input) {
            if (!loaded || closed) {
                throw new IllegalStateException("generation " + generation + (closed ? " closed" : " half-loaded"));
            }
            return Prediction.of(generation);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class GenerationFactory implements ModelFactory {
        final List<GenerationModel> created = new ArrayList<>();

        @Override
        public String modelType() {
            return "generation";
        }

        @Override
        public synchronized Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
            GenerationModel model = new GenerationModel(Integer.parseInt(new String(source.bytes(), StandardCharsets.UTF_8)));
            created.add(model);
            return model;
        }
    }

    @Test
    void swapWhileFourThreadsScore() throws Exception {
        GenerationFactory factory = new GenerationFactory();
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(factory)).build();
        Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);
        processor.update(descriptor(0));

        AtomicBoolean swapping = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<Integer>> scoredPerThread = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            scoredPerThread.add(threads.submit(() -> {
                int scored = 0;
                int lastGeneration = -1;
                // Keep scoring until the swaps are over, then a little more.
                for (int extra = 0; swapping.get() || extra < 1000; extra += swapping.get() ? 0 : 1) {
                    ScoringResult<Prediction> result = scorer.score(features("wine", 1));
                    if (!(result instanceof ScoringResult.Scored<Prediction> s)) {
                        problems.add(result.toString());
                        continue;
                    }
                    int generation = (int) s.value().value();
                    if (!s.model().name().equals("gen-" + generation)) {
                        problems.add("scored by " + generation + " but named " + s.model().name());
                    }
                    if (generation < lastGeneration) {
                        problems.add("went back from " + lastGeneration + " to " + generation);
                    }
                    lastGeneration = generation;
                    scored++;
                }
                return scored;
            }));
        }
        for (int generation = 1; generation <= SWAPS; generation++) {
            assertThat(processor.update(descriptor(generation)).accepted()).isTrue();
        }
        swapping.set(false);
        long total = 0;
        for (Future<Integer> f : scoredPerThread) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(problems).isEmpty();
        assertThat(total).isGreaterThanOrEqualTo(4000);
        assertThat(processor.stats("wine").updatesAccepted()).isEqualTo(SWAPS + 1);
        assertThat(processor.currentModel("wine")).map(ModelInfo::name).contains("gen-" + SWAPS);
        // Every replaced model was closed once its last call returned; the current one is still open.
        assertThat(factory.created).hasSize(SWAPS + 1);
        assertThat(factory.created.subList(0, SWAPS)).allMatch(m -> m.closed);
        assertThat(factory.created.get(SWAPS).closed).isFalse();
    }

    private static ModelDescriptor descriptor(int generation) {
        return ModelDescriptor.builder("gen-" + generation, "wine", "generation")
                .bytes(Integer.toString(generation).getBytes(StandardCharsets.UTF_8)).build();
    }
}
