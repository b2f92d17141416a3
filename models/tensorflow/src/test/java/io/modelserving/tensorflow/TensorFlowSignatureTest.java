package io.modelserving.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelSignature;
import io.modelserving.ModelSignature.Field;
import io.modelserving.Prediction;
import io.modelserving.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/** What the TensorFlow models report as their signature, for graphs built here and the data sets' models. */
class TensorFlowSignatureTest {

    @Test
    void aGraphBuiltHereGivesItsConfiguredOperationsWithTheirShapes() {
        for (boolean declared : new boolean[] {true, false}) {
            try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.classifier(declared),
                    TestGraphs.classifierSettings())) {
                // 3 features into a [3, 4] kernel, then a [4, 3] kernel: three scores; without a declared
                // input shape the width comes from the first kernel
                assertThat(model.signature()).as("input shape declared: %s", declared).contains(new ModelSignature(
                        List.of(new Field("features", "float", List.of(-1L, 3L))),
                        List.of(new Field("scores", "float", List.of(-1L, 3L)))));
            }
        }
        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(TestGraphs.regression(),
                GraphSettings.defaults().withInput("x").withOutput("y"))) {
            assertThat(model.signature()).contains(new ModelSignature(
                    List.of(new Field("x", "float", List.of(-1L, 2L))),
                    List.of(new Field("y", "float", List.of(-1L, 1L)))));
        }
    }

    /** The tutorial's notes: input dense_1_input, float32 [n, 11]; output dense_3/Sigmoid [n, 9]. */
    @Test
    void theTutorialsFrozenGraph() throws Exception {
        byte[] bytes = SeedData.frozenGraph();
        NodeDef placeholder = GraphDef.parseFrom(bytes).getNodeList().stream()
                .filter(node -> node.getName().equals("dense_1_input")).findFirst().orElseThrow();
        assertThat(placeholder.getOp()).isEqualTo("Placeholder");
        assertThat(placeholder.containsAttr("shape")).as("the placeholder declares no shape").isFalse();

        try (TensorFlowGraphModel model = TensorFlowGraphModel.load(bytes, GraphSettings.defaults())) {
            assertThat(model.signature()).contains(new ModelSignature(
                    List.of(new Field("dense_1_input", "float", List.of(-1L, 11L))),
                    List.of(new Field("dense_3/Sigmoid", "float", List.of(-1L, 9L)))));
        }
    }

    /** The tutorial's notes: signature predict, input key inputs float [-1, 11], output key outputs [-1, 9]. */
    @Test
    void theTutorialsSavedModel() throws Exception {
        Path directory = SeedData.savedModel();
        ModelSignature documented = new ModelSignature(
                List.of(new Field("inputs", "float", List.of(-1L, 11L))),
                List.of(new Field("outputs", "float", List.of(-1L, 9L))));
        assertThat(fromFile(directory, "serve", "predict")).as("read from saved_model.pb").isEqualTo(documented);
        try (TensorFlowSavedModel model = TensorFlowSavedModel.load(directory, SavedModelSettings.defaults())) {
            assertThat(model.signature()).contains(documented);
        }
    }

    /** The Crayfish network as a Keras SavedModel: input input_1, [batch, 784] into ten scores. */
    @Test
    void theCrayfishSavedModelThroughItsServingDefaultSignature() throws Exception {
        Path directory = SharedData.dataSet("crayfish-ffnn").directory("tf-savedmodel");
        ModelSignature fromFile = fromFile(directory, "serve", "serving_default");
        assertThat(fromFile.inputs()).extracting(Field::name).containsExactly("input_1");
        assertThat(fromFile.inputs().get(0).shape()).containsExactly(-1L, 784L);
        assertThat(fromFile.outputs()).singleElement().satisfies(output ->
                assertThat(output.shape()).containsExactly(-1L, 10L));

        SavedModelSettings settings = SavedModelSettings.defaults().withSignature("serving_default")
                .withInputKey("input_1").withOutputKey(fromFile.outputs().get(0).name());
        try (TensorFlowSavedModel model = TensorFlowSavedModel.load(directory, settings)) {
            assertThat(model.signature()).contains(fromFile);
            Prediction blank = model.score(Features.positional("image", new double[784]));
            assertThat(blank.probabilities()).hasSize(10);
        }
    }

    /** A signature read from the SavedModel's protobuf file, without TensorFlow's loader. */
    private static ModelSignature fromFile(Path directory, String tag, String key) throws Exception {
        SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(directory.resolve("saved_model.pb")));
        MetaGraphDef meta = saved.getMetaGraphsList().stream()
                .filter(graph -> graph.getMetaInfoDef().getTagsList().contains(tag)).findFirst().orElseThrow();
        SignatureDef signature = meta.getSignatureDefOrThrow(key);
        return new ModelSignature(fields(signature.getInputsMap()), fields(signature.getOutputsMap()));
    }

    private static List<Field> fields(Map<String, TensorInfo> tensors) {
        List<Field> fields = new ArrayList<>();
        tensors.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            List<Long> shape = entry.getValue().getTensorShape().getDimList().stream()
                    .map(TensorShapeProto.Dim::getSize).toList();
            String type = entry.getValue().getDtype().name().substring("DT_".length()).toLowerCase(Locale.ROOT);
            fields.add(new Field(entry.getKey(), type, shape));
        });
        return fields;
    }
}
