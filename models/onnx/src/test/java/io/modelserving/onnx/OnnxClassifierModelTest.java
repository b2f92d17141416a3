package io.modelserving.onnx;

import static io.modelserving.onnx.OnnxGraphs.FLOAT;
import static io.modelserving.onnx.OnnxGraphs.INT64;
import static io.modelserving.onnx.OnnxGraphs.STRING;
import static io.modelserving.onnx.OnnxGraphs.floatsAttr;
import static io.modelserving.onnx.OnnxGraphs.intAttr;
import static io.modelserving.onnx.OnnxGraphs.intsAttr;
import static io.modelserving.onnx.OnnxGraphs.node;
import static io.modelserving.onnx.OnnxGraphs.sequenceOfMaps;
import static io.modelserving.onnx.OnnxGraphs.stringAttr;
import static io.modelserving.onnx.OnnxGraphs.stringsAttr;
import static io.modelserving.onnx.OnnxGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Classifiers written the way scikit-learn converters write them: an ai.onnx.ml LinearClassifier with a label
 * output and probabilities, as a [rows, classes] tensor or through ZipMap as a sequence of maps.
 */
class OnnxClassifierModelTest {

    private static final float[] COEFFICIENTS = {1.0f, -0.5f, 0.25f, 2.0f, -1.5f, 0.75f}; // 3 classes x 2 features
    private static final float[] INTERCEPTS = {0.1f, -0.2f, 0.3f};

    static byte[] intLabelsWithZipMap() {
        long[] classes = {3, 5, 8};
        return OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, 2)),
                List.of(tensor("label", INT64, -1), sequenceOfMaps("probabilities", INT64, FLOAT)), List.of(),
                node("LinearClassifier", "ai.onnx.ml", List.of("x"), List.of("label", "z"),
                        floatsAttr("coefficients", COEFFICIENTS), floatsAttr("intercepts", INTERCEPTS),
                        intsAttr("classlabels_ints", classes), intAttr("multi_class", 0),
                        stringAttr("post_transform", "SOFTMAX")),
                node("ZipMap", "ai.onnx.ml", List.of("z"), List.of("probabilities"),
                        intsAttr("classlabels_int64s", classes)));
    }

    private static byte[] stringLabelsWithTensor() {
        return OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, 2)),
                List.of(tensor("label", STRING, -1), tensor("z", FLOAT, -1, 3)), List.of(),
                node("LinearClassifier", "ai.onnx.ml", List.of("x"), List.of("label", "z"),
                        floatsAttr("coefficients", COEFFICIENTS), floatsAttr("intercepts", INTERCEPTS),
                        stringsAttr("classlabels_strings", "red", "white", "rose"), intAttr("multi_class", 0),
                        stringAttr("post_transform", "SOFTMAX")));
    }

    /** softmax(x . coefficients_c + intercept_c), computed here. */
    private static double[] expected(double[] x) {
        double[] scores = new double[3];
        double total = 0;
        for (int c = 0; c < 3; c++) {
            scores[c] = INTERCEPTS[c] + COEFFICIENTS[c * 2] * (float) x[0] + COEFFICIENTS[c * 2 + 1] * (float) x[1];
        }
        double max = Math.max(scores[0], Math.max(scores[1], scores[2]));
        for (int c = 0; c < 3; c++) {
            scores[c] = Math.exp(scores[c] - max);
            total += scores[c];
        }
        for (int c = 0; c < 3; c++) {
            scores[c] /= total;
        }
        return scores;
    }

    @Test
    void integerLabelsAndProbabilityMaps() throws Exception {
        String[] labels = {"3", "5", "8"};
        List<Features> rows = OnnxLinearModelTest.randomRows(200, 2, 41);
        try (OnnxModel model = OnnxModel.load(intLabelsWithZipMap())) {
            assertThat(model.outputNames()).containsExactlyInAnyOrder("label", "probabilities");
            List<Prediction> batch = model.scoreBatch(rows);
            for (int i = 0; i < rows.size(); i++) {
                double[] p = expected(rows.get(i).values());
                for (Prediction prediction : List.of(model.score(rows.get(i)), batch.get(i))) {
                    assertThat(prediction.probabilities().keySet()).containsExactly(labels);
                    for (int c = 0; c < 3; c++) {
                        assertThat(prediction.probabilities().get(labels[c])).isCloseTo(p[c], within(1e-5));
                    }
                    int best = OnnxMlpModelTest.argmax(p);
                    if (OnnxMlpModelTest.clearWinner(p, best)) {
                        assertThat(prediction.label()).isEqualTo(labels[best]);
                        assertThat(prediction.value()).isEqualTo(Double.parseDouble(labels[best]));
                    }
                }
            }
        }
    }

    @Test
    void stringLabelsWithConfiguredColumnLabels() throws Exception {
        List<String> labels = List.of("red", "white", "rose");
        List<Features> rows = OnnxLinearModelTest.randomRows(200, 2, 42);
        try (OnnxModel model = OnnxModel.load(stringLabelsWithTensor(), OnnxSettings.defaults().withClassLabels(labels))) {
            for (Features row : rows) {
                double[] p = expected(row.values());
                Prediction prediction = model.score(row);
                assertThat(prediction.probabilities().keySet()).containsExactlyElementsOf(labels);
                for (int c = 0; c < 3; c++) {
                    assertThat(prediction.probabilities().get(labels.get(c))).isCloseTo(p[c], within(1e-5));
                }
                int best = OnnxMlpModelTest.argmax(p);
                if (OnnxMlpModelTest.clearWinner(p, best)) {
                    assertThat(prediction.label()).isEqualTo(labels.get(best));
                    assertThat(prediction.value()).as("a non-numeric class's value is its index").isEqualTo(best);
                }
            }
        }
    }

    @Test
    void stringLabelsWithoutColumnLabelsKeepTheLabelAndNumberTheColumns() throws Exception {
        Features row = Features.positional("t", 2.0, -1.0);
        double[] p = expected(row.values());
        String winner = List.of("red", "white", "rose").get(OnnxMlpModelTest.argmax(p));
        try (OnnxModel model = OnnxModel.load(stringLabelsWithTensor())) {
            Prediction prediction = model.score(row);
            assertThat(prediction.label()).isEqualTo(winner);
            assertThat(prediction.value()).isNaN();
            assertThat(prediction.probabilities().keySet()).containsExactly("0", "1", "2");
            assertThat(prediction.probabilities().get("1")).isCloseTo(p[1], within(1e-5));
        }
    }
}
