package io.modelserving.onnx;

import static io.modelserving.onnx.OnnxGraphs.FLOAT;
import static io.modelserving.onnx.OnnxGraphs.floats;
import static io.modelserving.onnx.OnnxGraphs.node;
import static io.modelserving.onnx.OnnxGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.modelserving.Features;
import io.modelserving.ModelSignature;
import io.modelserving.ModelSignature.Field;
import io.modelserving.Prediction;
import io.modelserving.testkit.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What {@link OnnxModel#signature()} reports, and inputs of more than two dimensions. */
class OnnxSignatureTest {

    @Test
    void aClassifierListsItsLabelTensorAndItsSequenceOfProbabilityMaps() {
        try (OnnxModel model = OnnxModel.load(OnnxClassifierModelTest.intLabelsWithZipMap())) {
            assertThat(model.signature()).contains(new ModelSignature(
                    List.of(new Field("x", "float", List.of(-1L, 2L))),
                    List.of(new Field("label", "int64", List.of(-1L)),
                            new Field("probabilities", "seq(map(int64,float))", List.of(-1L)))));
        }
    }

    /** The Crayfish benchmark's network: documented as input float [batch, 1, 784], output float [batch, 10]. */
    @Test
    void theCrayfishNetworkAsItsSourcesDescribeIt() throws Exception {
        byte[] bytes = SharedData.dataSet("crayfish-ffnn").bytes("model-ffnn.onnx");
        ModelSignature documented = new ModelSignature(
                List.of(new Field("input", "float", List.of(-1L, 1L, 784L))),
                List.of(new Field("output", "float", List.of(-1L, 10L))));
        assertThat(expectedFrom(ModelProto.parseFrom(bytes))).as("the file's own graph").isEqualTo(documented);

        try (OnnxModel model = OnnxModel.load(bytes)) {
            assertThat(model.signature()).contains(documented);
            assertThat(model.featureCount()).isEqualTo(784);
            // The data set's notes: an all-zero image is class 5 with logit 2.68.
            Prediction blank = model.score(Features.positional("image", new double[784]));
            assertThat(blank.label()).isEqualTo("5");
            assertThat(blank.probabilities().get("5")).isCloseTo(2.68, within(0.005));
            assertThat(model.scoreBatch(List.of(Features.positional("image", new double[784]),
                    Features.positional("image", new double[784])))).extracting(Prediction::label)
                    .containsExactly("5", "5");
        }
    }

    /** x [N, 2, 3] flattened to [N, 6] and multiplied by known weights: a record fills a row in row-major order. */
    @Test
    void aRecordFillsAMultiDimensionalRowInRowMajorOrder() throws Exception {
        float[] weights = {1f, 2f, 4f, 8f, 16f, 32f};
        byte[] bytes = OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, 2, 3)), List.of(tensor("y", FLOAT, -1, 1)),
                List.of(floats("w", weights, 6, 1)),
                node("Flatten", "", List.of("x"), List.of("flat")),
                node("MatMul", "", List.of("flat", "w"), List.of("y")));
        try (OnnxModel model = OnnxModel.load(bytes)) {
            assertThat(model.featureCount()).isEqualTo(6);
            assertThat(model.signature().orElseThrow().inputs())
                    .containsExactly(new Field("x", "float", List.of(-1L, 2L, 3L)));
            // each value picks one weight, a power of two, so the sum spells out which positions were set
            assertThat(model.score(Features.positional("t", 1, 0, 1, 0, 0, 1)).value()).isEqualTo(1 + 4 + 32);
            List<Prediction> batch = model.scoreBatch(List.of(Features.positional("t", 0, 1, 0, 0, 1, 0),
                    Features.positional("t", 1, 1, 1, 1, 1, 1)));
            assertThat(batch).extracting(Prediction::value).containsExactly(2.0 + 16, 63.0);
            assertThatThrownBy(() -> model.score(Features.positional("t", 1, 2, 3)))
                    .isInstanceOf(OnnxModelException.class).hasMessageContaining("takes 6");
        }
    }

    @Test
    void aMultiDimensionalInputWithAnOpenRowDimensionIsRefused() {
        byte[] bytes = OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, -1, 3)), List.of(tensor("y", FLOAT, -1, -1, 3)),
                List.of(), node("Identity", "", List.of("x"), List.of("y")));
        assertThatThrownBy(() -> OnnxModel.load(bytes)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("row dimensions [-1, 3]").hasMessageContaining("fixed");
    }

    /**
     * The signature read straight from the ModelProto, without ONNX Runtime: graph inputs that are not
     * initializers, and graph outputs, each tensor's element type by its name in the ONNX schema.
     */
    static ModelSignature expectedFrom(ModelProto model) {
        List<String> initializers = model.getGraph().getInitializerList().stream().map(TensorProto::getName).toList();
        List<Field> inputs = new ArrayList<>();
        for (ValueInfoProto input : model.getGraph().getInputList()) {
            if (!initializers.contains(input.getName())) {
                inputs.add(field(input));
            }
        }
        return new ModelSignature(inputs, model.getGraph().getOutputList().stream().map(OnnxSignatureTest::field).toList());
    }

    private static Field field(ValueInfoProto value) {
        var tensor = value.getType().getTensorType();
        String type = TensorProto.DataType.forNumber(tensor.getElemType()).name().toLowerCase(Locale.ROOT);
        List<Long> shape = new ArrayList<>();
        for (TensorShapeProto.Dimension dimension : tensor.getShape().getDimList()) {
            shape.add(dimension.hasDimValue() ? dimension.getDimValue() : -1L);
        }
        return new Field(value.getName(), type, shape);
    }
}
