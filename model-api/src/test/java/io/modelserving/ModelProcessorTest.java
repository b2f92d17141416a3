package io.modelserving;

import static io.modelserving.TestFactories.features;
import static io.modelserving.TestFactories.offset;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelProcessorTest {

    private final List<ModelUpdate> updates = new ArrayList<>();
    private final ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
            .factories(TestFactories.all())
            .listener(updates::add)
            .build();
    private final Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

    @Test
    void acceptedModelBecomesCurrentAndScores() {
        ModelUpdate update = processor.update(offset("m1", "wine", 10));

        assertThat(update.accepted()).isTrue();
        assertThat(processor.currentModel("wine")).map(ModelInfo::name).contains("m1");
        ScoringResult<Prediction> result = scorer.score(features("wine", 1.5));
        assertThat(result).isInstanceOf(ScoringResult.Scored.class);
        assertThat(((ScoringResult.Scored<Prediction>) result).value().value()).isEqualTo(11.5);
        assertThat(result.modelInfo()).map(ModelInfo::name).contains("m1");
        assertThat(updates).containsExactly(update);
    }

    @Test
    void swapReplacesAndClosesTheOldModel() throws Exception {
        processor.update(offset("m1", "wine", 1));
        TestFactories.OffsetModel first = currentModelObject("wine");

        processor.update(offset("m2", "wine", 2));

        assertThat(first.closed).isTrue();
        assertThat(processor.currentModel("wine")).map(ModelInfo::name).contains("m2");
        assertThat(((ScoringResult.Scored<Prediction>) scorer.score(features("wine", 1))).value().value()).isEqualTo(3);
    }

    @Test
    void failingModelIsRejectedWithItsReasonAndTheOldOneStays() {
        processor.update(offset("m1", "wine", 1));

        ModelUpdate rejected = processor.update(ModelDescriptor.builder("bad", "wine", "broken").bytes(new byte[] {1}).build());

        assertThat(rejected.accepted()).isFalse();
        assertThat(rejected.reason()).contains("cannot parse model bad");
        assertThat(processor.currentModel("wine")).map(ModelInfo::name).contains("m1");
        ServingStats stats = processor.stats("wine");
        assertThat(stats.updatesAccepted()).isEqualTo(1);
        assertThat(stats.updatesRejected()).isEqualTo(1);
        assertThat(stats.lastRejection()).contains("cannot parse model bad");
    }

    @Test
    void unknownModelTypeAndUnparsableBytesAreRejected() {
        ModelUpdate unknown = processor.update(ModelDescriptor.builder("x", "wine", "nope").bytes(new byte[0]).build());
        ModelUpdate garbage = processor.update(ModelDescriptor.builder("y", "wine", "offset")
                .bytes("not a number".getBytes(StandardCharsets.UTF_8)).build());

        assertThat(unknown.reason()).contains("No model factory for model type 'nope'").contains("offset");
        assertThat(garbage.accepted()).isFalse();
        assertThat(garbage.reason()).contains("NumberFormatException");
        assertThat(processor.currentModel("wine")).isEmpty();
    }

    @Test
    void warmUpFailureRejectsTheModelAndClosesIt() {
        TestFactories.OffsetFactory offsets = new TestFactories.OffsetFactory();
        ModelProcessor<Features, Prediction> warming = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(offsets))
                .warmUpRecord(dataType -> Optional.of(features(dataType, -1)))
                .build();

        ModelUpdate update = warming.update(offset("m1", "wine", 1));

        assertThat(update.accepted()).isFalse();
        assertThat(update.reason()).contains("Warm-up failed").contains("negative input");
        assertThat(warming.currentModel("wine")).isEmpty();
        assertThat(offsets.created).hasSize(1);
        assertThat(offsets.created.get(0).closed).isTrue();
    }

    @Test
    void dataTypesAreServedIndependently() {
        processor.update(offset("red", "red-wine", 1));
        processor.update(offset("white", "white-wine", 100));

        assertThat(((ScoringResult.Scored<Prediction>) scorer.score(features("red-wine", 1))).value().value()).isEqualTo(2);
        assertThat(((ScoringResult.Scored<Prediction>) scorer.score(features("white-wine", 1))).value().value()).isEqualTo(101);
        assertThat(processor.currentModels()).containsOnlyKeys("red-wine", "white-wine");
    }

    @Test
    void removeStopsServingTheDataType() {
        processor.update(offset("m1", "wine", 1));
        processor.remove("wine");

        assertThat(scorer.score(features("wine", 1))).isInstanceOf(ScoringResult.NoModel.class);
    }

    @Test
    void closeClosesCurrentModels() throws Exception {
        processor.update(offset("m1", "wine", 1));
        TestFactories.OffsetModel model = currentModelObject("wine");

        processor.close();

        assertThat(model.closed).isTrue();
    }

    private TestFactories.OffsetModel currentModelObject(String dataType) {
        return (TestFactories.OffsetModel) processor.slot(dataType).current().model();
    }
}
