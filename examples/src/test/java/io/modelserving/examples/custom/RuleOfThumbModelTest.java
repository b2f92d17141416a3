package io.modelserving.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ScoringResult;
import io.modelserving.Scorer;
import io.modelserving.examples.wine.Wine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleOfThumbModelTest {

    private final double[] wine = {7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 12.0};

    @Test
    void foundThroughServiceLoaderAndScores() {
        // tag::processor[]
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
        ModelDescriptor descriptor = ModelDescriptor.builder("thumb", "wine", "rule-of-thumb")
                .bytes("5.5".getBytes(StandardCharsets.UTF_8))
                .build();
        processor.update(descriptor);
        Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);
        ScoringResult<Prediction> result = scorer.score(Features.of("wine", Wine.FEATURES, wine));
        // end::processor[]

        assertThat(processor.modelTypes()).contains("rule-of-thumb");
        assertThat(((ScoringResult.Scored<Prediction>) result).value().value()).isEqualTo(5.5 + 0.3 * 2.0);
    }

    @Test
    void badBytesAreRejectedWithTheFactorysReason() {
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(new RuleOfThumbModelFactory())).build();

        String reason = processor.update(ModelDescriptor.builder("thumb", "wine", "rule-of-thumb")
                .bytes("five".getBytes(StandardCharsets.UTF_8)).build()).reason();

        assertThat(reason).contains("must be a number, got 'five'");
    }

    @Test
    void aRecordWithoutAlcoholFailsWithAClearReason() {
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(new RuleOfThumbModelFactory())).build();
        processor.update(ModelDescriptor.builder("thumb", "wine", "rule-of-thumb").bytes("5".getBytes()).build());

        ScoringResult<Prediction> result = processor.scorer(Features::dataType)
                .score(Features.of("wine", List.of("density"), 0.99));

        assertThat(((ScoringResult.Failed<Prediction>) result).reason()).contains("No numeric feature named 'alcohol'");
    }
}
