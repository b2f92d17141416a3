package io.modelserving.testkit.models;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelUpdate;
import io.modelserving.Prediction;
import io.modelserving.Scorer;
import io.modelserving.ScoringResult;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import io.modelserving.testkit.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test models, loaded the way users load them: a processor given {@link TestModels#factories()}. */
class TestModelsTest {

    private final ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
            .factories(TestModels.factories())
            .build();
    private final Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

    @AfterEach
    void close() {
        processor.close();
    }

    @Test
    void factoriesCoverAllThreeTypes() {
        assertThat(TestModels.factories()).map(ModelFactory::modelType).containsExactly("constant", "failing", "slow");
        assertThat(processor.modelTypes()).containsExactlyInAnyOrder("constant", "failing", "slow");
    }

    @Test
    void serviceLoaderDoesNotFindTheTestModels() {
        List<String> found = ServiceLoader.load(ModelFactory.class).stream()
                .map(provider -> provider.type().getName()).toList();

        assertThat(found).noneMatch(name -> name.startsWith("io.modelserving.testkit."));
        try (ModelProcessor<Features, Prediction> defaults = ModelProcessor.<Features, Prediction>builder().build()) {
            assertThat(defaults.modelTypes()).doesNotContain("constant", "failing", "slow");
        }
    }

    @Test
    void factoriesWithAddsMoreAfterTheTestkits() {
        ModelFactory custom = new ModelFactory() {
            @Override
            public String modelType() {
                return "custom";
            }

            @Override
            public Model<Features, Prediction> create(ModelDescriptor d, ModelSource s) {
                return input -> Prediction.of(42.0);
            }
        };

        List<ModelFactory> factories = TestModels.factoriesWith(custom);

        assertThat(factories).map(ModelFactory::modelType).containsExactly("constant", "failing", "slow", "custom");
        assertThat(factories).endsWith(custom);
        assertThatThrownBy(() -> factories.add(custom)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> TestModels.factoriesWith(custom, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more[1]");
        assertThatThrownBy(() -> TestModels.factoriesWith((ModelFactory[]) null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantScoresEveryRecordToItsNumber() {
        accept(TestModels.constant("m1", "wine", 2.5));

        assertThat(valueOf(scorer.score(TestModels.features("wine", 7.4, 0.7)))).isEqualTo(2.5);
        assertThat(valueOf(scorer.score(TestModels.features("wine", -1)))).isEqualTo(2.5);
        assertThat(processor.currentModel("wine")).hasValueSatisfying(info -> assertThat(info.name()).isEqualTo("m1"));
    }

    @Test
    void constantReadsHandWrittenBytes() {
        accept(ModelDescriptor.builder("m2", "wine", "constant").bytes(" -17 ".getBytes(UTF_8)).build());

        assertThat(valueOf(scorer.score(TestModels.features("wine", 1)))).isEqualTo(-17.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"five", "", "1.0.0", "NaN", "Infinity"})
    void constantRejectsBytesThatAreNotANumberAndKeepsTheCurrentModel(String bytes) {
        accept(TestModels.constant("good", "wine", 1.0));

        ModelUpdate update = processor.update(TestModels.descriptor("bad", "wine", "constant", bytes));

        assertThat(update.accepted()).isFalse();
        assertThat(update.reason()).contains("constant model bad").contains("'" + bytes + "'");
        assertThat(valueOf(scorer.score(TestModels.features("wine", 0)))).isEqualTo(1.0);
        assertThat(processor.stats("wine").updatesRejected()).isEqualTo(1);
    }

    @Test
    void failingOnLoadIsRejectedWithItsReason() {
        ModelUpdate update = processor.update(TestModels.failingOnLoad("broken", "wine"));

        assertThat(update.accepted()).isFalse();
        assertThat(update.reason()).contains("TestModelException").contains("broken").contains("refuses to load");
        assertThat(scorer.score(TestModels.features("wine", 1))).isInstanceOf(ScoringResult.NoModel.class);
    }

    @Test
    void failingFailsEveryRecordAsAValue() {
        accept(TestModels.failing("bad-scorer", "wine"));

        for (double first : new double[] {1, 0, -1}) {
            ScoringResult<Prediction> result = scorer.score(TestModels.features("wine", first));
            assertThat(result).isInstanceOf(ScoringResult.Failed.class);
            assertThat(((ScoringResult.Failed<Prediction>) result).reason())
                    .contains("TestModelException").contains("bad-scorer").contains("fails every record");
        }
        assertThat(processor.stats("wine").failures()).isEqualTo(3);
    }

    @Test
    void failingOnNegativeFailsOnlyNegativeFirstValues() {
        accept(TestModels.failingOnNegative("picky", "wine"));

        assertThat(valueOf(scorer.score(TestModels.features("wine", 3.0, -9.0)))).isEqualTo(3.0);
        assertThat(valueOf(scorer.score(TestModels.features("wine", 0.0)))).isEqualTo(0.0);
        ScoringResult<Prediction> negative = scorer.score(TestModels.features("wine", -0.5, 4.0));
        assertThat(negative).isInstanceOf(ScoringResult.Failed.class);
        assertThat(((ScoringResult.Failed<Prediction>) negative).reason()).contains("picky").contains("negative");
        assertThat(scorer.score(TestModels.features("wine"))).isInstanceOf(ScoringResult.Failed.class);
        assertThat(processor.stats("wine").invocations()).isEqualTo(4);
        assertThat(processor.stats("wine").failures()).isEqualTo(2);
    }

    @Test
    void slowSleepsThenReturnsItsValue() {
        accept(TestModels.slow("sleepy", "wine", Duration.ofMillis(30), 4.0));

        ScoringResult<Prediction> result = scorer.score(TestModels.features("wine", 1));

        assertThat(valueOf(result)).isEqualTo(4.0);
        // a lower bound only: sleeping at least the configured time is the model's whole job
        assertThat(((ScoringResult.Scored<Prediction>) result).durationNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "x:1.0", "-5:1.0", "10:abc", ":1.0", "10:"})
    void slowRejectsMalformedBytes(String bytes) {
        ModelUpdate update = processor.update(TestModels.descriptor("sleepy", "wine", "slow", bytes));

        assertThat(update.accepted()).isFalse();
        assertThat(update.reason()).contains("slow model sleepy");
    }

    @Test
    void modelsServeOnlyTheirDataType() {
        accept(TestModels.constant("m1", "wine", 1.0));
        accept(TestModels.constant("m2", "beer", 2.0));

        assertThat(valueOf(scorer.score(TestModels.features("wine", 0)))).isEqualTo(1.0);
        assertThat(valueOf(scorer.score(TestModels.features("beer", 0)))).isEqualTo(2.0);
        assertThat(scorer.score(TestModels.features("cider", 0))).isInstanceOf(ScoringResult.NoModel.class);
    }

    private void accept(ModelDescriptor descriptor) {
        ModelUpdate update = processor.update(descriptor);
        assertThat(update.accepted()).as("update %s: %s", descriptor, update.reason()).isTrue();
    }

    private static double valueOf(ScoringResult<Prediction> result) {
        assertThat(result).isInstanceOf(ScoringResult.Scored.class);
        return ((ScoringResult.Scored<Prediction>) result).value().value();
    }
}
