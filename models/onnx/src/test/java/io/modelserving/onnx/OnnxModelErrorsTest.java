package io.modelserving.onnx;

import static io.modelserving.onnx.OnnxGraphs.FLOAT;
import static io.modelserving.onnx.OnnxGraphs.INT64;
import static io.modelserving.onnx.OnnxGraphs.STRING;
import static io.modelserving.onnx.OnnxGraphs.floats;
import static io.modelserving.onnx.OnnxGraphs.intAttr;
import static io.modelserving.onnx.OnnxGraphs.node;
import static io.modelserving.onnx.OnnxGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnnxModelErrorsTest {

    private static final float[] WEIGHTS = {1f, 2f, 3f};

    @Test
    void corruptBytesAreRejected() {
        byte[] garbage = new byte[2000];
        new Random(7).nextBytes(garbage);
        assertThatThrownBy(() -> OnnxModel.load(garbage))
                .isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("Not a valid ONNX model (2000 bytes)");
    }

    @Test
    void aTruncatedModelIsRejected() {
        byte[] model = OnnxGraphs.linear(WEIGHTS, 0f);
        byte[] truncated = Arrays.copyOf(model, model.length / 2);
        assertThatThrownBy(() -> OnnxModel.load(truncated))
                .isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("Not a valid ONNX model");
    }

    @Test
    void emptyBytesAreRejected() {
        assertThatThrownBy(() -> OnnxModel.load(new byte[0])).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aRecordWithTheWrongNumberOfFeaturesFailsNamingBoth() {
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, 0f))) {
            assertThatThrownBy(() -> model.score(Features.positional("t", 1, 2)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageContaining("has 2 features").hasMessageContaining("'x' takes 3");
            assertThatThrownBy(() -> model.scoreBatch(List.of(Features.positional("t", 1, 2, 3),
                    Features.positional("t", 1, 2, 3, 4))))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageContaining("Record 1 of the batch has 4 features");
        }
    }

    @Test
    void aMissingNamedFeatureFailsNamingIt() {
        OnnxSettings settings = OnnxSettings.defaults().withFeatureNames(List.of("a", "b", "c"));
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, 0f), settings)) {
            assertThatThrownBy(() -> model.score(Features.of("t", List.of("a", "b", "d"), 1, 2, 3)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageContaining("no feature 'c'");
            assertThatThrownBy(() -> model.score(Features.positional("t", 1, 2, 3)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageContaining("3 unnamed values");
        }
    }

    @Test
    void aRecordWithCategoricalFeaturesFailsSayingTheGraphTakesNoStrings() {
        Features car = Features.builder("t").number("a", 1).number("b", 2).number("c", 3).category("fuel", "diesel")
                .build();
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, 0f))) {
            assertThatThrownBy(() -> model.score(car))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessage("The record has categorical features [fuel], which this ONNX model cannot take:"
                            + " its graph takes no string inputs, only input 'x': float [?, 3]. A graph with string"
                            + " inputs, one input per feature named like it, receives categorical features;"
                            + " otherwise encode them as numbers in your codec, or serve the model as PMML");
            Features numeric = Features.of("t", List.of("a", "b", "c"), 1, 2, 3);
            assertThatThrownBy(() -> model.scoreBatch(List.of(numeric, car)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageStartingWith("Record 1 of the batch has categorical features [fuel]");
        }
    }

    @Test
    void namedFeaturesIgnoreCategoriesTheyDoNotNameButRefuseThoseTheyDo() {
        Features car = Features.builder("t").number("a", 1).category("fuel", "diesel").number("c", 3)
                .category("colour", "red").number("b", 2).build();
        OnnxSettings numeric = OnnxSettings.defaults().withFeatureNames(List.of("a", "b", "c"));
        OnnxSettings fuelToo = OnnxSettings.defaults().withFeatureNames(List.of("a", "fuel", "c"));
        try (OnnxModel reading = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, 0f), numeric);
             OnnxModel needingFuel = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, 0f), fuelToo)) {
            assertThat(reading.score(car).value()).isCloseTo(1 * 1 + 2 * 2 + 3 * 3, within(1e-6));
            assertThatThrownBy(() -> needingFuel.score(car))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageStartingWith("The record has categorical features [fuel], which this ONNX model"
                            + " cannot take");
        }
    }

    @Test
    void featureNamesThatDoNotMatchTheModelsWidthAreRejectedOnLoad() {
        OnnxSettings settings = OnnxSettings.defaults().withFeatureNames(List.of("a", "b"));
        assertThatThrownBy(() -> OnnxModel.load(OnnxGraphs.linear(WEIGHTS, 0f), settings))
                .isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("takes 3 features but 2 feature names");
    }

    @Test
    void anIntegerInputTakesWholeNumbersAndRefusesFractions() throws Exception {
        byte[] model = OnnxGraphs.model(List.of(tensor("counts", INT64, -1, 2)), List.of(tensor("y", FLOAT, -1, 1)),
                List.of(floats("w", new float[] {0.5f, 3f}, 2, 1)),
                node("Cast", "", List.of("counts"), List.of("xf"), intAttr("to", FLOAT)),
                node("MatMul", "", List.of("xf", "w"), List.of("y")));
        try (OnnxModel onnx = OnnxModel.load(model)) {
            assertThat(onnx.score(Features.positional("t", 4, 7)).value()).isCloseTo(4 * 0.5 + 7 * 3, within(1e-6));
            assertThatThrownBy(() -> onnx.score(Features.positional("t", 4, 2.5)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageContaining("feature 1 = 2.5").hasMessageContaining("INT64 integers");
            assertThatThrownBy(() -> onnx.score(Features.positional("t", Double.NaN, 1)))
                    .isInstanceOf(OnnxModelException.class).hasMessageContaining("feature 0 = NaN");
        }
    }

    @Test
    void aModelWithAnOpenWidthTakesAnyWidthButOnePerBatch() {
        byte[] model = OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, -1)), List.of(tensor("y", FLOAT, -1, 1)),
                List.of(), node("ReduceSum", "", List.of("x"), List.of("y"), intAttr("keepdims", 1)));
        try (OnnxModel onnx = OnnxModel.load(model)) {
            assertThat(onnx.featureCount()).isEqualTo(-1);
            assertThat(onnx.score(Features.positional("t", 1, 2)).value()).isEqualTo(3.0);
            assertThat(onnx.score(Features.positional("t", 1, 2, 3, 4)).value()).isEqualTo(10.0);
            assertThatThrownBy(() -> onnx.scoreBatch(List.of(Features.positional("t", 1, 2),
                    Features.positional("t", 1, 2, 3))))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageContaining("Record 1 of the batch has 3 features")
                    .hasMessageContaining("as the batch's first record");
        }
    }

    @Test
    void aRuntimeFailureWhileScoringBecomesAModelException() {
        // the width is left open, but the weights fit only 2 columns: a 3-feature record fails inside the runtime
        byte[] model = OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, -1)), List.of(tensor("y", FLOAT, -1, 1)),
                List.of(floats("w", new float[] {1f, 2f}, 2, 1)), node("MatMul", "", List.of("x", "w"), List.of("y")));
        try (OnnxModel onnx = OnnxModel.load(model)) {
            assertThat(onnx.score(Features.positional("t", 3, 4)).value()).isEqualTo(11.0);
            assertThatThrownBy(() -> onnx.score(Features.positional("t", 1, 2, 3)))
                    .isInstanceOf(OnnxModelException.class).hasMessageContaining("ONNX Runtime could not score the record");
        }
    }

    @Test
    void aModelWithSeveralInputsIsRejectedWhenOneTakesMoreThanOneFeature() {
        byte[] model = OnnxGraphs.model(List.of(tensor("a", FLOAT, -1, 1), tensor("b", FLOAT, -1, 3)),
                List.of(tensor("y", FLOAT, -1, 3)), List.of(), node("Add", "", List.of("a", "b"), List.of("y")));
        assertThatThrownBy(() -> OnnxModel.load(model)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("input 'b' has shape [-1, 3]").hasMessageContaining("one feature per input");
    }

    @Test
    void aStringInputOfSeveralColumnsIsRejected() {
        byte[] model = OnnxGraphs.model(List.of(tensor("s", STRING, -1, 2)), List.of(tensor("y", STRING, -1, 2)),
                List.of(), node("Identity", "", List.of("s"), List.of("y")));
        assertThatThrownBy(() -> OnnxModel.load(model)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("input 's' has shape [-1, 2]");
    }

    @Test
    void aModelWithoutAPredictionOutputIsRejected() {
        byte[] model = OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, 3)),
                List.of(tensor("positive", OnnxGraphs.BOOL, -1, 3)),
                List.of(floats("zero", new float[] {0f})), node("Greater", "", List.of("x", "zero"), List.of("positive")));
        assertThatThrownBy(() -> OnnxModel.load(model)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("no output that gives a prediction").hasMessageContaining("positive");
    }

    @Test
    void aClosedModelRefusesToScore() {
        OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, 0f));
        model.close();
        model.close();
        assertThatThrownBy(() -> model.score(Features.positional("t", 1, 2, 3)))
                .isInstanceOf(OnnxModelException.class).hasMessageContaining("closed");
    }
}
