package io.modelserving.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelUpdate;
import io.modelserving.Prediction;
import io.modelserving.Scorer;
import io.modelserving.ScoringResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The factory as the processor finds and uses it: through ServiceLoader, with failures as values. */
class OnnxServingTest {

    private static final float[] WEIGHTS = {0.5f, 1.5f, -1f};

    private static ModelDescriptor descriptor(byte[] bytes) {
        return ModelDescriptor.builder("linear", "t", "onnx").bytes(bytes).build();
    }

    @Test
    void servesThroughTheProcessorWithBadRecordsAsFailureValues() {
        try (ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build()) {
            assertThat(processor.modelTypes()).contains("onnx");
            ModelUpdate update = processor.update(descriptor(OnnxGraphs.linear(WEIGHTS, 2f)));
            assertThat(update.accepted()).as(update.reason()).isTrue();
            Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

            Features good = Features.positional("t", 1, 2, 3);
            Features bad = Features.positional("t", 1, 2);
            double expected = 0.5 * 1 + 1.5 * 2 - 1 * 3 + 2;
            ScoringResult<Prediction> result = scorer.score(good);
            assertThat(result).isInstanceOf(ScoringResult.Scored.class);
            assertThat(((ScoringResult.Scored<Prediction>) result).value().value()).isCloseTo(expected, within(1e-6));
            assertThat(scorer.score(bad)).isInstanceOfSatisfying(ScoringResult.Failed.class,
                    failed -> assertThat(failed.reason()).contains("has 2 features"));

            List<ScoringResult<Prediction>> batch = scorer.scoreBatch(List.of(good, bad, good));
            assertThat(batch.get(0)).isInstanceOf(ScoringResult.Scored.class);
            assertThat(batch.get(1)).isInstanceOf(ScoringResult.Failed.class);
            assertThat(batch.get(2)).isInstanceOf(ScoringResult.Scored.class);
        }
    }

    @Test
    void aRecordWithCategoricalFeaturesFailsAloneInABatch() {
        try (ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build()) {
            assertThat(processor.update(descriptor(OnnxGraphs.linear(WEIGHTS, 2f))).accepted()).isTrue();
            Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);
            Features good = Features.of("t", List.of("a", "b", "c"), 1, 2, 3);
            Features withFuel = Features.builder("t").number("a", 1).number("b", 2).number("c", 3)
                    .category("fuel", "diesel").build();

            List<ScoringResult<Prediction>> batch = scorer.scoreBatch(List.of(good, withFuel, good));

            assertThat(batch.get(0).isScored()).isTrue();
            assertThat(batch.get(1)).isInstanceOfSatisfying(ScoringResult.Failed.class,
                    failed -> assertThat(failed.reason()).contains("categorical features [fuel]")
                            .contains("no string inputs"));
            assertThat(batch.get(2).isScored()).isTrue();
        }
    }

    @Test
    void aCorruptModelIsRejectedAndTheCurrentOneKept() {
        try (ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(new OnnxModelFactory())).build()) {
            assertThat(processor.update(descriptor(OnnxGraphs.linear(WEIGHTS, 0f))).accepted()).isTrue();
            ModelUpdate corrupt = processor.update(descriptor(new byte[] {8, 1, 18, 3, 'a', 'b'}));
            assertThat(corrupt.accepted()).isFalse();
            assertThat(corrupt.reason()).contains("Not a valid ONNX model");
            assertThat(processor.scorer(Features::dataType).score(Features.positional("t", 2, 0, 0)).isScored()).isTrue();
        }
    }
}
