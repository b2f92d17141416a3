package io.modelserving.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.ModelServingException;
import io.modelserving.Prediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;

/** Frozen graphs built in the test with known weights, and graphs that must be rejected. */
class TensorFlowGraphModelTest {

    private static final DenseNetwork EXPECTED = TestGraphs.classifierInJava();

    @Test
    void scoresAsTheSameDenseLayersComputedInJava() {
        List<Features> records = randomRecords(500, 3, 7);
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.classifier(true),
                TestGraphs.classifierSettings())) {
            List<Prediction> predictions = model.scoreBatch(records);
            for (int row = 0; row < records.size(); row++) {
                double[] expected = EXPECTED.outputs(records.get(row).values());
                Prediction prediction = predictions.get(row);
                assertThat(prediction.value()).isEqualTo(DenseNetwork.argmax(expected));
                assertThat(prediction.label()).isEqualTo(Integer.toString(DenseNetwork.argmax(expected)));
                assertThat(prediction.probabilities().keySet()).containsExactly("0", "1", "2");
                for (int k = 0; k < 3; k++) {
                    assertThat(prediction.probabilities().get(Integer.toString(k))).isCloseTo(expected[k], within(1e-6));
                }
            }
        }
    }

    @Test
    void aBatchScoresEachRecordAsScoringItAloneDoes() {
        List<Features> records = randomRecords(64, 3, 11);
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.classifier(true),
                TestGraphs.classifierSettings())) {
            List<Prediction> batch = model.scoreBatch(records);
            List<Prediction> single = new ArrayList<>();
            records.forEach(record -> single.add(model.score(record)));
            assertThat(batch).hasSize(64);
            for (int row = 0; row < records.size(); row++) {
                assertThat(single.get(row).value()).isEqualTo(batch.get(row).value());
                for (String label : List.of("0", "1", "2")) {
                    assertThat(single.get(row).probabilities().get(label))
                            .isCloseTo(batch.get(row).probabilities().get(label), within(1e-6));
                }
            }
            assertThat(model.scoreBatch(List.of())).isEmpty();
        }
    }

    @Test
    void manyThreadsScoreAtOnceEachGettingItsOwnRecordsResults() throws Exception {
        List<Features> records = randomRecords(400, 3, 5);
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.classifier(true),
                TestGraphs.classifierSettings())) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Prediction>> futures = new ArrayList<>();
                for (Features record : records) {
                    futures.add(pool.submit(() -> model.score(record)));
                }
                for (int row = 0; row < records.size(); row++) {
                    double[] expected = EXPECTED.outputs(records.get(row).values());
                    Prediction prediction = futures.get(row).get();
                    assertThat(prediction.probabilities().get("2")).isCloseTo(expected[2], within(1e-6));
                    assertThat(prediction.value()).isEqualTo(DenseNetwork.argmax(expected));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void readsTheFeatureCountFromTheShapeOrTheFirstMatMulOrTheSettings() {
        try (TensorFlowGraphModel declared = TensorFlowGraphModel.load(TestGraphs.classifier(true),
                TestGraphs.classifierSettings());
             TensorFlowGraphModel undeclared = TensorFlowGraphModel.load(TestGraphs.classifier(false),
                TestGraphs.classifierSettings())) {
            assertThat(declared.featureCount()).isEqualTo(3);
            assertThat(undeclared.featureCount()).isEqualTo(3);
        }
        assertThatThrownBy(() -> TensorFlowGraphModel.load(TestGraphs.classifier(false),
                TestGraphs.classifierSettings().withFeatureCount(4)))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("featureCount is 4 but the graph's input 'features' takes 3");
    }

    @Test
    void aRecordWithTheWrongFeatureCountFailsWithAClearMessage() {
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.classifier(true),
                TestGraphs.classifierSettings())) {
            assertThatThrownBy(() -> model.score(Features.positional("t", 1, 2)))
                    .isInstanceOf(ModelServingException.class)
                    .hasMessage("Record has 2 features, but the model's input 'features' takes 3");
            List<Features> batch = List.of(Features.positional("t", 1, 2, 3), Features.positional("t", 1, 2, 3, 4));
            assertThatThrownBy(() -> model.scoreBatch(batch))
                    .isInstanceOf(ModelServingException.class)
                    .hasMessage("Record 1 of the batch has 4 features, but the model's input 'features' takes 3");
        }
    }

    @Test
    void aRecordWithCategoricalFeaturesFailsSayingTheModelTakesNumbersOnly() {
        Features car = Features.builder("t").number("a", 1).number("b", 2).number("c", 3).category("fuel", "diesel")
                .build();
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.classifier(true),
                TestGraphs.classifierSettings())) {
            assertThatThrownBy(() -> model.score(car))
                    .isInstanceOf(ModelServingException.class)
                    .hasMessage("Record has categorical features [fuel], which the TensorFlow model cannot take:"
                            + " it takes numeric tensors only (input 'features': float32 [?, 3]); encode them as"
                            + " numbers in your codec, or serve the model as PMML");
            List<Features> batch = List.of(Features.positional("t", 1, 2, 3), car);
            assertThatThrownBy(() -> model.scoreBatch(batch))
                    .isInstanceOf(ModelServingException.class)
                    .hasMessageStartingWith("Record 1 of the batch has categorical features [fuel]");
        }
    }

    @Test
    void aRegressionOutputIsAValue() {
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.regression(),
                GraphSettings.defaults().withInput("x").withOutput("y"))) {
            Prediction prediction = model.score(Features.positional("t", 1.5, -2));
            assertThat(prediction.value()).isCloseTo(2 * 1.5 - 3 * -2 + 0.5, within(1e-6));
            assertThat(prediction.label()).isEmpty();
            assertThat(prediction.probabilities()).isEmpty();
        }
    }

    @Test
    void aNaNOutputIsAFailureOfThatRecord() {
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.regression(),
                GraphSettings.defaults().withInput("x").withOutput("y"))) {
            assertThatThrownBy(() -> model.score(Features.positional("t", Double.NaN, 1)))
                    .isInstanceOf(ModelServingException.class).hasMessageContaining("NaN for record 0");
        }
    }

    @Test
    void aClosedModelRefusesToScoreInsteadOfCrashing() {
        TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.classifier(true),
                TestGraphs.classifierSettings());
        model.close();
        model.close();
        assertThatThrownBy(() -> model.score(Features.positional("t", 1, 2, 3)))
                .isInstanceOf(ModelServingException.class).hasMessageContaining("closed");
    }

    @Test
    void rejectsAGraphWithoutTheNamedOperations() {
        byte[] graph = TestGraphs.classifier(true);
        assertThatThrownBy(() -> TensorFlowGraphModel.load(graph, GraphSettings.defaults()))
                .isInstanceOf(ModelServingException.class)
                .hasMessage("The graph has no input operation 'dense_1_input'; its placeholders are [features]");
        assertThatThrownBy(() -> TensorFlowGraphModel.load(graph, TestGraphs.classifierSettings().withOutput("nope")))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("no output operation 'nope'");
        assertThatThrownBy(() -> TensorFlowGraphModel.load(graph, TestGraphs.classifierSettings().withOutput("scores:1")))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("has 1 output(s), not an output 1");
    }

    @Test
    void rejectsAFloat64Input() {
        assertThatThrownBy(() -> TensorFlowGraphModel.load(TestGraphs.doubleInput(),
                GraphSettings.defaults().withInput("x").withOutput("y")))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("input 'x' is DT_DOUBLE; only float32");
    }

    @Test
    void rejectsCorruptTruncatedAndEmptyBytes() throws Exception {
        byte[] graph = TestGraphs.classifier(true);
        // The nodes come first and a small "versions" field last: cutting only that leaves a whole graph.
        int nodesEnd = GraphDef.parseFrom(graph).toBuilder().clearVersions().build().getSerializedSize();
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        List<byte[]> bad = new ArrayList<>(List.of(new byte[0], garbage, "not a graph".getBytes()));
        for (int cut : new int[] {1, 7, nodesEnd / 3, nodesEnd / 2, nodesEnd - 20, nodesEnd - 1}) {
            bad.add(Arrays.copyOf(graph, cut));
        }
        for (byte[] bytes : bad) {
            assertThatThrownBy(() -> TensorFlowGraphModel.load(bytes, TestGraphs.classifierSettings()),
                    "%d of %d bytes", bytes.length, graph.length)
                    .isInstanceOf(ModelServingException.class)
                    .hasMessageFindingMatch("GraphDef|graph|operation");
        }
    }

    static List<Features> randomRecords(int count, int width, long seed) {
        Random random = new Random(seed);
        List<Features> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] values = new double[width];
            for (int j = 0; j < width; j++) {
                values[j] = random.nextGaussian() * 2;
            }
            records.add(Features.positional("t", values));
        }
        return records;
    }
}
