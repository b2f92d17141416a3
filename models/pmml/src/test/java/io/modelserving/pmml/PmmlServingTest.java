package io.modelserving.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelUpdate;
import io.modelserving.Prediction;
import io.modelserving.Scorer;
import io.modelserving.ScoringResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PmmlServingTest {

    private static ModelDescriptor descriptor(byte[] bytes) {
        return ModelDescriptor.builder("pmml-model", "wine", "pmml").bytes(bytes).build();
    }

    @Test
    void servesThroughTheProcessorWithAMissingFieldAsAFailureValue() {
        try (ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build()) {
            assertThat(processor.modelTypes()).contains("pmml");
            ModelUpdate update = processor.update(descriptor(InlinePmml.regression()));
            assertThat(update.accepted()).as(update.reason()).isTrue();
            Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);
            Features good = Features.of("wine", List.of("fixed acidity", "pH"), 7.0, 3.0);
            Features missing = Features.of("wine", List.of("fixed acidity"), 7.0);

            List<ScoringResult<Prediction>> results = scorer.scoreBatch(List.of(good, missing, good));
            assertThat(results.get(0)).isInstanceOfSatisfying(ScoringResult.Scored.class, scored ->
                    assertThat(((Prediction) scored.value()).value()).isCloseTo(1.5 + 14 - 1.5, within(1e-12)));
            assertThat(results.get(1)).isInstanceOfSatisfying(ScoringResult.Failed.class, failed ->
                    assertThat(failed.reason()).contains("no feature 'pH'"));
            assertThat(results.get(2).isScored()).isTrue();
        }
    }

    @Test
    void aCorruptModelIsRejectedAndTheCurrentOneKept() {
        try (ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(new PmmlModelFactory())).build()) {
            assertThat(processor.update(descriptor(InlinePmml.tree())).accepted()).isTrue();
            ModelUpdate corrupt = processor.update(descriptor("<PMML><Data".getBytes()));
            assertThat(corrupt.accepted()).isFalse();
            assertThat(corrupt.reason()).contains("Not a valid PMML document");
            ScoringResult<Prediction> result = processor.scorer(Features::dataType)
                    .score(Features.of("wine", List.of("residual sugar"), 5.0));
            assertThat(result).isInstanceOfSatisfying(ScoringResult.Scored.class, scored ->
                    assertThat(((Prediction) scored.value()).label()).isEqualTo("sweet"));
        }
    }

    @Test
    void manyThreadsScoreTheForestAsOneThreadDoes() throws Exception {
        PmmlModel forest = PmmlModel.load(SeedTutorial.file("winequalityRandonForrestClassification.pmml"));
        List<Features> records = SeedTutorial.rows().stream().map(SeedTutorial::features).toList();
        List<Prediction> sequential = new ArrayList<>();
        for (Features record : records) {
            sequential.add(forest.score(record));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Prediction>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<Prediction> out = new ArrayList<>();
                    for (Features record : records) {
                        out.add(forest.score(record));
                    }
                    return out;
                }));
            }
            for (Future<List<Prediction>> run : runs) {
                assertThat(run.get(5, TimeUnit.MINUTES)).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
