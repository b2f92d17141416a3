package io.modelserving.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;

/** The tutorial's frozen graph over all 1,599 wines, checked against the dense layers computed in Java. */
class TutorialGraphTest {

    @Test
    void scoresEveryWineAsTheDenseLayersReadFromTheGraphDo() throws Exception {
        byte[] bytes = SeedData.frozenGraph();
        DenseNetwork expected = networkFromConstants(GraphDef.parseFrom(bytes));
        List<Features> wines = SeedData.wines();

        List<Prediction> predictions;
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(bytes, GraphSettings.defaults())) {
            assertThat(model.featureCount()).isEqualTo(11);
            predictions = model.scoreBatch(wines);
        }

        assertThat(predictions).hasSize(SeedData.ROWS);
        Map<Integer, Integer> histogram = new TreeMap<>();
        for (int row = 0; row < wines.size(); row++) {
            double[] outputs = expected.outputs(wines.get(row).values());
            Prediction prediction = predictions.get(row);
            int quality = DenseNetwork.argmax(outputs);
            assertThat(prediction.value()).as("row %d", row).isEqualTo(quality);
            assertThat(prediction.label()).isEqualTo(Integer.toString(quality));
            assertThat(prediction.probabilities()).hasSize(9);
            for (int k = 0; k < 9; k++) {
                assertThat(prediction.probabilities().get(Integer.toString(k))).as("row %d class %d", row, k)
                        .isCloseTo(outputs[k], within(1e-5));
            }
            histogram.merge(quality, 1, Integer::sum);
        }
        assertThat(histogram).isEqualTo(Map.of(5, 792, 6, 789, 7, 18));
    }

    @Test
    void scoringOneAtATimeGivesWhatTheBatchGives() throws Exception {
        byte[] bytes = SeedData.frozenGraph();
        List<Features> wines = SeedData.wines().subList(0, 200);
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(bytes, GraphSettings.defaults())) {
            List<Prediction> batch = model.scoreBatch(wines);
            List<Prediction> single = new ArrayList<>();
            for (Features wine : wines) {
                single.add(model.score(wine));
            }
            for (int row = 0; row < wines.size(); row++) {
                assertThat(single.get(row).value()).isEqualTo(batch.get(row).value());
                Map<String, Double> batchScores = batch.get(row).probabilities();
                // A batch may take another matrix kernel than a single row, so allow float rounding.
                single.get(row).probabilities().forEach((label, p) ->
                        assertThat(p).isCloseTo(batchScores.get(label), within(1e-6)));
            }
        }
    }

    @Test
    void rejectsTheTutorialGraphCutShort() throws Exception {
        byte[] bytes = SeedData.frozenGraph();
        for (int length : new int[] {bytes.length / 4, bytes.length / 2, bytes.length - 100}) {
            byte[] cut = java.util.Arrays.copyOf(bytes, length);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> TensorFlowGraphModel.load(cut, GraphSettings.defaults()), "%d bytes", length)
                    .isInstanceOf(io.modelserving.ModelServingException.class)
                    .hasMessageFindingMatch("Not a TensorFlow GraphDef|no output operation");
        }
    }

    /** Reads the three dense layers out of the graph's Const nodes, the way the graph wires them. */
    static DenseNetwork networkFromConstants(GraphDef graph) {
        Map<String, NodeDef> nodes = new TreeMap<>();
        graph.getNodeList().forEach(node -> nodes.put(node.getName(), node));
        assertThat(nodes.get("dense_1/MatMul").getInputList()).containsExactly("dense_1_input", "dense_1/kernel");
        assertThat(nodes.get("dense_3/Sigmoid").getOp()).isEqualTo("Sigmoid");
        List<DenseNetwork.Layer> layers = new ArrayList<>();
        for (int layer = 1; layer <= 3; layer++) {
            assertThat(nodes.get("dense_" + layer + "/MatMul").getOp()).isEqualTo("MatMul");
            assertThat(nodes.get("dense_" + layer + "/BiasAdd").getOp()).isEqualTo("BiasAdd");
            TensorProto kernel = nodes.get("dense_" + layer + "/kernel").getAttrOrThrow("value").getTensor();
            TensorProto bias = nodes.get("dense_" + layer + "/bias").getAttrOrThrow("value").getTensor();
            int inputs = (int) kernel.getTensorShape().getDim(0).getSize();
            layers.add(DenseNetwork.Layer.of(floats(kernel), inputs, floats(bias)));
        }
        return new DenseNetwork(layers);
    }

    static float[] floats(TensorProto tensor) {
        if (tensor.getFloatValCount() > 0) {
            float[] values = new float[tensor.getFloatValCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getFloatVal(i);
            }
            return values;
        }
        ByteBuffer content = tensor.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[content.remaining() / 4];
        content.asFloatBuffer().get(values);
        return values;
    }
}
