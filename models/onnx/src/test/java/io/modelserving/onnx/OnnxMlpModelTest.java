package io.modelserving.onnx;

import static io.modelserving.onnx.OnnxGraphs.FLOAT;
import static io.modelserving.onnx.OnnxGraphs.floats;
import static io.modelserving.onnx.OnnxGraphs.intAttr;
import static io.modelserving.onnx.OnnxGraphs.node;
import static io.modelserving.onnx.OnnxGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A 4-5-3 perceptron (ReLU, softmax) whose outputs are recomputed here from its weights. */
class OnnxMlpModelTest {

    private static final int IN = 4;
    private static final int HIDDEN = 5;
    private static final int OUT = 3;

    private final float[] w1 = random(IN * HIDDEN, 11);
    private final float[] b1 = random(HIDDEN, 12);
    private final float[] w2 = random(HIDDEN * OUT, 13);
    private final float[] b2 = random(OUT, 14);

    private byte[] mlp() {
        return OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, IN)), List.of(tensor("scores", FLOAT, -1, OUT)),
                List.of(floats("w1", w1, IN, HIDDEN), floats("b1", b1, HIDDEN),
                        floats("w2", w2, HIDDEN, OUT), floats("b2", b2, OUT)),
                node("Gemm", "", List.of("x", "w1", "b1"), List.of("h")),
                node("Relu", "", List.of("h"), List.of("hr")),
                node("Gemm", "", List.of("hr", "w2", "b2"), List.of("z")),
                node("Softmax", "", List.of("z"), List.of("scores"), intAttr("axis", 1)));
    }

    @Test
    void givesTheSoftmaxOfTheForwardPassAndItsArgmax() throws Exception {
        List<String> labels = List.of("low", "mid", "high");
        List<Features> rows = OnnxLinearModelTest.randomRows(200, IN, 21);
        try (OnnxModel model = OnnxModel.load(mlp(), OnnxSettings.defaults().withClassLabels(labels))) {
            for (Features row : rows) {
                double[] expected = forward(row.values());
                Prediction prediction = model.score(row);
                assertThat(prediction.probabilities().keySet()).containsExactlyElementsOf(labels);
                for (int c = 0; c < OUT; c++) {
                    assertThat(prediction.probabilities().get(labels.get(c))).isCloseTo(expected[c], within(1e-5));
                }
                int best = argmax(expected);
                if (clearWinner(expected, best)) {
                    assertThat(prediction.label()).isEqualTo(labels.get(best));
                    assertThat(prediction.value()).isEqualTo(best);
                }
            }
        }
    }

    @Test
    void withoutConfiguredLabelsClassesAreNamedByIndex() throws Exception {
        Features row = Features.positional("t", 0.3, -1.2, 2.0, 0.7);
        double[] expected = forward(row.values());
        int best = argmax(expected);
        try (OnnxModel model = OnnxModel.load(mlp())) {
            Prediction prediction = model.score(row);
            assertThat(prediction.probabilities().keySet()).containsExactly("0", "1", "2");
            assertThat(prediction.label()).isEqualTo(Integer.toString(best));
            assertThat(prediction.value()).isEqualTo(best);
        }
    }

    @Test
    void aBatchScoresLikeItsRecordsOneByOne() throws Exception {
        List<Features> rows = OnnxLinearModelTest.randomRows(256, IN, 22);
        try (OnnxModel model = OnnxModel.load(mlp())) {
            List<Prediction> batch = model.scoreBatch(rows);
            for (int i = 0; i < rows.size(); i++) {
                Prediction single = model.score(rows.get(i));
                Prediction batched = batch.get(i);
                assertThat(batched.label()).isEqualTo(single.label());
                single.probabilities().forEach((label, p) ->
                        assertThat(batched.probabilities().get(label)).isCloseTo(p, within(1e-6)));
            }
        }
    }

    @Test
    void classLabelsThatDoNotMatchTheOutputWidthFailClearly() {
        try (OnnxModel model = OnnxModel.load(mlp(), OnnxSettings.defaults().withClassLabels(List.of("a", "b")))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.score(Features.positional("t", 1, 2, 3, 4)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageContaining("scores 3 classes but 2 class labels");
        }
    }

    private double[] forward(double[] x) {
        double[] hidden = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            double sum = b1[j];
            for (int i = 0; i < IN; i++) {
                sum += (float) x[i] * (double) w1[i * HIDDEN + j];
            }
            hidden[j] = Math.max(0, sum);
        }
        double[] z = new double[OUT];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < OUT; k++) {
            double sum = b2[k];
            for (int j = 0; j < HIDDEN; j++) {
                sum += hidden[j] * w2[j * OUT + k];
            }
            z[k] = sum;
            max = Math.max(max, sum);
        }
        double total = 0;
        for (int k = 0; k < OUT; k++) {
            z[k] = Math.exp(z[k] - max);
            total += z[k];
        }
        for (int k = 0; k < OUT; k++) {
            z[k] /= total;
        }
        return z;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    // float32 rounding could flip a near-tie; such rows say nothing about which class wins.
    static boolean clearWinner(double[] values, int best) {
        for (int i = 0; i < values.length; i++) {
            if (i != best && values[best] - values[i] < 1e-4) {
                return false;
            }
        }
        return true;
    }

    private static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
