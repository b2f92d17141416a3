package io.modelserving.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Ensemble;
import io.modelserving.EnsembleDecider;
import io.modelserving.EnsembleResult;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.examples.wine.Wine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A decider of one's own, registered by name on the processor and named by an ensemble on the model topic. */
class CustomDeciderTest {

    private static final double ALCOHOL = 12.0;
    private final double[] wine = {7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, ALCOHOL};

    @Test
    void servesTheLowestQualityOnceEveryMemberHasAnswered() {
        // tag::custom-decider[]
        // A cautious decider: once every member asked has answered (or at the deadline), the lowest quality.
        EnsembleDecider<Prediction> lowest = (answers, asked, last) -> {
            if (answers.size() < asked && !last) {
                return EnsembleDecider.WAIT;
            }
            int chosen = EnsembleDecider.WAIT;                // no score at all: the record fails
            double quality = Double.POSITIVE_INFINITY;
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i) instanceof ScoringResult.Scored<Prediction> s && s.value().value() < quality) {
                    chosen = i;
                    quality = s.value().value();
                }
            }
            return chosen;
        };
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .decider("lowest", lowest) // an Ensemble on the model topic names it: new Ensemble(..., "lowest", ...)
                .callsPerMember(4)         // a member already running 4 calls is skipped, not waited for
                .build();
        // end::custom-decider[]
        processor.update(thumb("primary", 5.5).build());
        processor.update(ModelDescriptor.builder("cautious", Wine.DATA_TYPE, Ensemble.MODEL_TYPE)
                .ensemble(new Ensemble(List.of(thumb("high", 6.5).build(), thumb("low", 5.0).build()), "lowest",
                        Duration.ofSeconds(10)))
                .build());

        ScoredRecord<Features, Prediction> scored = processor.scorer(Features::dataType)
                .scoreRecord(Features.of(Wine.DATA_TYPE, Wine.FEATURES, wine));

        // the rule of thumb: base + 0.3 per degree of alcohol above 10; "low" has the lowest base
        double expected = 5.0 + 0.3 * (ALCOHOL - 10);
        ScoringResult.Scored<Prediction> served = (ScoringResult.Scored<Prediction>) scored.result();
        assertThat(served.value().value()).isEqualTo(expected);
        assertThat(served.model().name()).isEqualTo("low");
        assertThat(served.model().role()).isEqualTo(ModelRole.ENSEMBLE);
        EnsembleResult decision = scored.ensemble();
        assertThat(decision.decider()).isEqualTo("lowest");
        assertThat(decision.members()).extracting(m -> m.model().name()).containsExactly("primary", "high", "low");
        assertThat(decision.members()).extracting(EnsembleResult.Member::status)
                .containsOnly(EnsembleResult.Status.SCORED);
        assertThat(decision.chosen()).get().extracting(m -> m.model().name()).isEqualTo("low");
        processor.close();
    }

    private static ModelDescriptor.Builder thumb(String name, double base) {
        return ModelDescriptor.builder(name, Wine.DATA_TYPE, "rule-of-thumb")
                .bytes(Double.toString(base).getBytes(StandardCharsets.UTF_8));
    }
}
