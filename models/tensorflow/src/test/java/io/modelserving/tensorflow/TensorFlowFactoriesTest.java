package io.modelserving.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelUpdate;
import io.modelserving.Prediction;
import io.modelserving.ScoringResult;
import io.modelserving.Scorer;
import io.modelserving.codec.ModelDescriptorCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The factories as the serving core finds and uses them. */
class TensorFlowFactoriesTest {

    @Test
    void serviceLoaderFindsBothModelTypesUnderTheWireFormatsNames() {
        List<String> types = ServiceLoader.load(io.modelserving.spi.ModelFactory.class).stream()
                .map(provider -> provider.get().modelType()).toList();
        assertThat(types).contains(ModelDescriptorCodec.TENSORFLOW, ModelDescriptorCodec.TENSORFLOW_SAVED);
        assertThat(TensorFlowModelFactory.MODEL_TYPE).isEqualTo(ModelDescriptorCodec.TENSORFLOW);
        assertThat(TensorFlowSavedModelFactory.MODEL_TYPE).isEqualTo(ModelDescriptorCodec.TENSORFLOW_SAVED);
    }

    @Test
    void aBrokenGraphIsRejectedAndTheCurrentModelKeepsServing() {
        try (ModelProcessor<Features, Prediction> processor = processor()) {
            ModelUpdate first = processor.update(graph("good", TestGraphs.classifier(true)));
            assertThat(first.accepted()).as(first.reason()).isTrue();

            ModelUpdate broken = processor.update(graph("broken", "garbage".getBytes(StandardCharsets.UTF_8)));
            assertThat(broken.accepted()).isFalse();
            assertThat(broken.reason()).contains("GraphDef");

            Features record = Features.positional("t", 0.5, -1, 2);
            ScoringResult<Prediction> result = processor.scorer(Features::dataType).score(record);
            assertThat(result).isInstanceOf(ScoringResult.Scored.class);
            ScoringResult.Scored<Prediction> scored = (ScoringResult.Scored<Prediction>) result;
            assertThat(scored.model().name()).isEqualTo("good");
            double[] expected = TestGraphs.classifierInJava().outputs(record.values());
            assertThat(scored.value().value()).isEqualTo(DenseNetwork.argmax(expected));
            assertThat(scored.value().probabilities().get("1")).isCloseTo(expected[1], within(1e-6));
        }
    }

    @Test
    void aRecordThatDoesNotFitFailsAloneInItsBatch() {
        try (ModelProcessor<Features, Prediction> processor = processor()) {
            processor.update(graph("good", TestGraphs.classifier(false)));
            Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

            List<ScoringResult<Prediction>> results = scorer.scoreBatch(List.of(
                    Features.positional("t", 1, 2, 3), Features.positional("t", 1, 2), Features.positional("t", 3, 2, 1)));

            assertThat(results.get(0)).isInstanceOf(ScoringResult.Scored.class);
            assertThat(results.get(2)).isInstanceOf(ScoringResult.Scored.class);
            assertThat(((ScoringResult.Failed<Prediction>) results.get(1)).reason())
                    .contains("Record has 2 features, but the model's input 'features' takes 3");
        }
    }

    @Test
    void anUnsafeOrBogusSavedModelArchiveIsRejectedWithItsReason() throws Exception {
        try (ModelProcessor<Features, Prediction> processor = processor()) {
            byte[] escaping = new TestArchives.Tar().file("../../saved_model.pb", new byte[10]).finish();
            ModelUpdate update = processor.update(saved("escaping", escaping));
            assertThat(update.accepted()).isFalse();
            assertThat(update.reason()).contains("'../../saved_model.pb' leads out of the archive");

            ModelUpdate bogus = processor.update(saved("bogus", new byte[1024]));
            assertThat(bogus.accepted()).isFalse();
            assertThat(bogus.reason()).contains("Not a tar, tar.gz or zip archive");

            byte[] garbage = new byte[5000];
            new java.util.Random(9).nextBytes(garbage);
            byte[] corrupt = new TestArchives.Tar().file("1/saved_model.pb", garbage).directory("1/variables/").finish();
            ModelUpdate unreadable = processor.update(saved("corrupt", corrupt));
            assertThat(unreadable.accepted()).isFalse();
            assertThat(unreadable.reason()).contains("TensorFlow could not load a SavedModel with tags [serve]");

            byte[] noModel = TestArchives.zip(java.util.Map.of("readme.txt", new byte[3]));
            ModelUpdate empty = processor.update(saved("empty", noModel));
            assertThat(empty.accepted()).isFalse();
            assertThat(empty.reason()).contains("no saved_model.pb");
        }
    }

    private static ModelProcessor<Features, Prediction> processor() {
        return ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(new TensorFlowModelFactory(TestGraphs.classifierSettings()),
                        new TensorFlowSavedModelFactory()))
                .build();
    }

    private static ModelDescriptor graph(String name, byte[] bytes) {
        return ModelDescriptor.builder(name, "t", TensorFlowModelFactory.MODEL_TYPE).bytes(bytes).build();
    }

    private static ModelDescriptor saved(String name, byte[] bytes) {
        return ModelDescriptor.builder(name, "t", TensorFlowSavedModelFactory.MODEL_TYPE).bytes(bytes).build();
    }
}
