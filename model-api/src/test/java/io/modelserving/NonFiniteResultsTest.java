package io.modelserving;

import static io.modelserving.TestFactories.features;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class NonFiniteResultsTest {

    /** What the model returns for a record whose first value is i. */
    private static final List<Object> OUTPUTS = List.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Prediction.of(Double.NaN),
            Prediction.ofClass(1, "a", Map.of("b", Double.NaN)),
            new double[] {1, Double.NEGATIVE_INFINITY},
            new float[] {Float.NaN},
            Float.NEGATIVE_INFINITY,
            Prediction.ofClass(1, "a", Map.of("a", 0.9)),
            2.5,
            new double[] {1, 2},
            "NaN");

    private static final List<String> EXPECTED_REASONS = List.of(
            "model returned a non-finite result: NaN",
            "model returned a non-finite result: Infinity",
            "model returned a non-finite result: value NaN",
            "model returned a non-finite result: probability of class 'b' is NaN",
            "model returned a non-finite result: element #1 is -Infinity",
            "model returned a non-finite result: element #0 is NaN",
            "model returned a non-finite result: -Infinity");

    private final AtomicInteger batchCalls = new AtomicInteger();

    @Test
    void nonFiniteResultsAreFailuresNamingTheProblem() {
        ModelProcessor<Features, Object> processor = processor(UnaryOperator.identity());
        Scorer<Features, Object> scorer = processor.scorer(Features::dataType);

        List<ScoringResult<Object>> results = new ArrayList<>();
        for (int i = 0; i < OUTPUTS.size(); i++) {
            results.add(scorer.score(features("wine", i)));
        }

        assertFailedThenScored(results);
        assertThat(processor.stats("wine").invocations()).isEqualTo(OUTPUTS.size());
        assertThat(processor.stats("wine").failures()).isEqualTo(EXPECTED_REASONS.size());
    }

    @Test
    void batchesCheckEveryResult() {
        ModelProcessor<Features, Object> processor = processor(UnaryOperator.identity());

        List<ScoringResult<Object>> results = processor.scorer(Features::dataType).scoreBatch(allRecords());

        assertThat(batchCalls).hasValue(1);
        assertFailedThenScored(results);
        assertThat(processor.stats("wine").invocations()).isEqualTo(OUTPUTS.size());
        assertThat(processor.stats("wine").failures()).isEqualTo(EXPECTED_REASONS.size());
    }

    @Test
    void allowNonFiniteResultsLetsThemThrough() {
        ModelProcessor<Features, Object> processor = processor(ModelProcessor.Builder::allowNonFiniteResults);
        Scorer<Features, Object> scorer = processor.scorer(Features::dataType);

        for (int i = 0; i < OUTPUTS.size(); i++) {
            ScoringResult<Object> result = scorer.score(features("wine", i));
            assertThat(result).isInstanceOf(ScoringResult.Scored.class);
            assertThat(((ScoringResult.Scored<Object>) result).value()).isSameAs(OUTPUTS.get(i));
        }
        assertThat(scorer.scoreBatch(allRecords())).allMatch(ScoringResult::isScored);
        assertThat(batchCalls).hasValue(1);
        assertThat(processor.stats("wine").failures()).isZero();
    }

    private static void assertFailedThenScored(List<ScoringResult<Object>> results) {
        assertThat(results).hasSize(OUTPUTS.size());
        for (int i = 0; i < OUTPUTS.size(); i++) {
            ScoringResult<Object> result = results.get(i);
            if (i < EXPECTED_REASONS.size()) {
                assertThat(result).as("output #%d", i).isInstanceOf(ScoringResult.Failed.class);
                assertThat(((ScoringResult.Failed<Object>) result).reason()).isEqualTo(EXPECTED_REASONS.get(i));
                assertThat(result.modelInfo()).map(ModelInfo::name).contains("m");
            } else {
                assertThat(result).as("output #%d", i).isInstanceOf(ScoringResult.Scored.class);
                assertThat(((ScoringResult.Scored<Object>) result).value()).isSameAs(OUTPUTS.get(i));
            }
        }
    }

    private static List<Features> allRecords() {
        List<Features> records = new ArrayList<>();
        for (int i = 0; i < OUTPUTS.size(); i++) {
            records.add(features("wine", i));
        }
        return records;
    }

    private ModelProcessor<Features, Object> processor(
            UnaryOperator<ModelProcessor.Builder<Features, Object>> configure) {
        Model<Features, Object> model = new Model<>() {
            @Override
            public Object score(Features input) {
                return OUTPUTS.get((int) input.value(0));
            }

            @Override
            public List<Object> scoreBatch(List<Features> inputs) {
                batchCalls.incrementAndGet();
                return inputs.stream().map(this::score).toList();
            }
        };
        ModelFactory factory = new ModelFactory() {
            @Override
            public String modelType() {
                return "fixed";
            }

            @Override
            public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) {
                return model;
            }
        };
        ModelProcessor<Features, Object> processor = configure.apply(
                ModelProcessor.<Features, Object>builder().factories(List.of(factory))).build();
        processor.update(ModelDescriptor.builder("m", "wine", "fixed").bytes(new byte[0]).build());
        return processor;
    }
}
