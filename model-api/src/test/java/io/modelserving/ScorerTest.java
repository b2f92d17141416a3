package io.modelserving;

import static io.modelserving.TestFactories.features;
import static io.modelserving.TestFactories.offset;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private final ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
            .factories(TestFactories.all())
            .build();
    private final Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);

    @Test
    void aPinnedBatchScoresWithTheModelsOfWhenItWasPinnedEvenAfterASwap() {
        processor.update(offset("old", "wine", 10));
        Scorer<Features, Prediction>.Pinned first = scorer.pin(List.of(features("wine", 1), features("beer", 1)));
        processor.update(offset("new", "wine", 100));
        Scorer<Features, Prediction>.Pinned second = scorer.pin(List.of(features("wine", 1)));

        // Scored in the opposite order: the first still gets the old model, which stays open until then.
        List<ScoringResult<Prediction>> later = second.score();
        List<ScoringResult<Prediction>> earlier = first.score();
        assertThat(later.get(0).modelInfo().orElseThrow().name()).isEqualTo("new");
        assertThat(((ScoringResult.Scored<Prediction>) later.get(0)).value().value()).isEqualTo(101.0);
        assertThat(earlier.get(0).modelInfo().orElseThrow().name()).isEqualTo("old");
        assertThat(((ScoringResult.Scored<Prediction>) earlier.get(0)).value().value()).isEqualTo(11.0);
        assertThat(earlier.get(1)).isInstanceOf(ScoringResult.NoModel.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(first::score).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noModelYetIsAValueAndIsCounted() {
        ScoringResult<Prediction> result = scorer.score(features("wine", 1));

        assertThat(result).isInstanceOf(ScoringResult.NoModel.class);
        assertThat(((ScoringResult.NoModel<Prediction>) result).reason()).contains("wine");
        assertThat(processor.stats("wine").noModel()).isEqualTo(1);
    }

    @Test
    void recordsNamingEndlessNewDataTypesDoNotGrowTheProcessorWithoutBound() {
        for (int i = 0; i < ModelProcessor.MAX_DATA_TYPES + 500; i++) {
            assertThat(scorer.score(features("type-" + i, 1))).isInstanceOf(ScoringResult.NoModel.class);
        }

        assertThat(processor.stats()).hasSize(ModelProcessor.MAX_DATA_TYPES);
        assertThat(processor.stats("type-0").noModel()).isEqualTo(1);
        // A model for a data type never seen before is still accepted and serves.
        processor.update(offset("late", "type-late", 1));
        assertThat(scorer.score(features("type-late", 1))).isInstanceOf(ScoringResult.Scored.class);
    }

    @Test
    void aModelThatThrowsGivesAFailureNamingTheModel() {
        processor.update(offset("m1", "wine", 1));

        ScoringResult<Prediction> result = scorer.score(features("wine", -3));

        assertThat(result).isInstanceOf(ScoringResult.Failed.class);
        ScoringResult.Failed<Prediction> failed = (ScoringResult.Failed<Prediction>) result;
        assertThat(failed.reason()).isEqualTo("IllegalArgumentException: negative input -3.0");
        assertThat(failed.model().name()).isEqualTo("m1");
    }

    @Test
    void aRecordWithoutDataTypeFailsWithoutAModel() {
        Scorer<Features, Prediction> broken = processor.scorer(f -> null);

        ScoringResult<Prediction> result = broken.score(features("wine", 1));

        assertThat(result).isInstanceOf(ScoringResult.Failed.class);
        assertThat(result.modelInfo()).isEmpty();
    }

    @Test
    void aModelReturningNullIsAFailure() {
        ModelProcessor<Features, Prediction> nulls = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(factory("null", (Model<Features, Prediction>) input -> null)))
                .build();
        nulls.update(ModelDescriptor.builder("n", "wine", "null").bytes(new byte[0]).build());

        ScoringResult<Prediction> result = nulls.scorer(Features::dataType).score(features("wine", 1));

        assertThat(result).isInstanceOf(ScoringResult.Failed.class);
        assertThat(((ScoringResult.Failed<Prediction>) result).reason()).isEqualTo("model returned no result");
    }

    @Test
    void batchKeepsOrderAcrossDataTypesAndIsolatesABadRecord() {
        processor.update(offset("red", "red", 10));
        processor.update(offset("white", "white", 100));
        List<Features> batch = List.of(features("red", 1), features("white", 2), features("red", -1),
                features("rose", 4), features("white", 5));

        List<ScoringResult<Prediction>> results = scorer.scoreBatch(batch);

        assertThat(results).hasSize(5);
        assertThat(value(results.get(0))).isEqualTo(11);
        assertThat(value(results.get(1))).isEqualTo(102);
        assertThat(results.get(2)).isInstanceOf(ScoringResult.Failed.class);
        assertThat(results.get(3)).isInstanceOf(ScoringResult.NoModel.class);
        assertThat(value(results.get(4))).isEqualTo(105);
    }

    @Test
    void batchUsesTheModelsOwnBatchCall() {
        List<Integer> batchSizes = new ArrayList<>();
        Model<Features, Prediction> batching = new Model<>() {
            @Override
            public Prediction score(Features input) {
                throw new AssertionError("single-record path must not be used");
            }

            @Override
            public List<Prediction> scoreBatch(List<Features> inputs) {
                batchSizes.add(inputs.size());
                return inputs.stream().map(f -> Prediction.of(f.value(0) * 2)).toList();
            }
        };
        ModelProcessor<Features, Prediction> p = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(factory("batching", batching))).build();
        p.update(ModelDescriptor.builder("b", "wine", "batching").bytes(new byte[0]).build());

        List<ScoringResult<Prediction>> results = p.scorer(Features::dataType)
                .scoreBatch(List.of(features("wine", 1), features("wine", 2), features("wine", 3)));

        assertThat(batchSizes).containsExactly(3);
        assertThat(results).extracting(ScorerTest::value).containsExactly(2.0, 4.0, 6.0);
        assertThat(p.stats("wine").invocations()).isEqualTo(3);
    }

    @Test
    void batchAcceptsAnImmutableListFromTheModel() {
        Model<Features, Prediction> immutable = new Model<>() {
            @Override
            public Prediction score(Features input) {
                throw new IllegalStateException("single-record path used");
            }

            @Override
            public List<Prediction> scoreBatch(List<Features> inputs) {
                return List.of(Prediction.of(inputs.get(0).value(0) + 1), Prediction.of(inputs.get(1).value(0) + 1));
            }
        };
        ModelProcessor<Features, Prediction> p = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(factory("immutable", immutable))).build();
        p.update(ModelDescriptor.builder("i", "wine", "immutable").bytes(new byte[0]).build());

        List<ScoringResult<Prediction>> results = p.scorer(Features::dataType)
                .scoreBatch(List.of(features("wine", 1), features("wine", 2)));

        assertThat(results).allMatch(ScoringResult::isScored);
        assertThat(results).extracting(ScorerTest::value).containsExactly(2.0, 3.0);
        assertThat(p.stats("wine").failures()).isZero();
    }

    @Test
    void batchHoldingANullFallsBackToScoringEachRecord() {
        List<Integer> singleCalls = new ArrayList<>();
        Model<Features, Prediction> withNull = new Model<>() {
            @Override
            public Prediction score(Features input) {
                singleCalls.add((int) input.value(0));
                return Prediction.of(input.value(0) * 10);
            }

            @Override
            public List<Prediction> scoreBatch(List<Features> inputs) {
                return Arrays.asList(Prediction.of(-1), null);
            }
        };
        ModelProcessor<Features, Prediction> p = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(factory("nulls", withNull))).build();
        p.update(ModelDescriptor.builder("n", "wine", "nulls").bytes(new byte[0]).build());

        List<ScoringResult<Prediction>> results = p.scorer(Features::dataType)
                .scoreBatch(List.of(features("wine", 1), features("wine", 2)));

        assertThat(singleCalls).containsExactly(1, 2);
        assertThat(results).extracting(ScorerTest::value).containsExactly(10.0, 20.0);
    }

    @Test
    void statsAddUp() {
        processor.update(offset("m1", "wine", 1));
        for (int i = 0; i < 7; i++) {
            scorer.score(features("wine", i));
        }
        for (int i = 0; i < 3; i++) {
            scorer.score(features("wine", -1 - i));
        }
        scorer.scoreBatch(List.of(features("wine", 1), features("wine", -1)));

        ServingStats stats = processor.stats("wine");

        assertThat(stats.invocations()).isEqualTo(12);
        assertThat(stats.failures()).isEqualTo(4);
        assertThat(stats.model().name()).isEqualTo("m1");
        assertThat(stats.minNanos()).isPositive().isLessThanOrEqualTo(stats.maxNanos());
        assertThat(stats.totalNanos()).isGreaterThanOrEqualTo(stats.maxNanos());
        assertThat(stats.mean().toNanos()).isEqualTo(stats.totalNanos() / 12);
        assertThat(stats.updatesAccepted()).isEqualTo(1);

        processor.update(offset("m2", "wine", 2));
        ServingStats afterSwap = processor.stats("wine");
        assertThat(afterSwap.invocations()).isZero();
        assertThat(afterSwap.updatesAccepted()).isEqualTo(2);
    }

    private static double value(ScoringResult<Prediction> result) {
        return ((ScoringResult.Scored<Prediction>) result).value().value();
    }

    private static ModelFactory factory(String type, Model<Features, Prediction> model) {
        return new ModelFactory() {
            @Override
            public String modelType() {
                return type;
            }

            @Override
            public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) {
                return model;
            }
        };
    }
}
