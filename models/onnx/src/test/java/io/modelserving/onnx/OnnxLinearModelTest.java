package io.modelserving.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnnxLinearModelTest {

    private static final float[] WEIGHTS = {0.5f, -1.25f, 2.0f};
    private static final float BIAS = 0.75f;

    @Test
    void readsItsInputAndOutputFromTheModel() {
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, BIAS))) {
            assertThat(model.inputNames()).containsExactly("x");
            assertThat(model.featureCount()).isEqualTo(3);
            assertThat(model.outputNames()).containsExactly("y");
        }
    }

    @Test
    void scoresEveryRowAsTheDotProductOfItsWeights() throws Exception {
        List<Features> rows = randomRows(300, 3, 1);
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, BIAS))) {
            for (Features row : rows) {
                double expected = BIAS;
                for (int i = 0; i < WEIGHTS.length; i++) {
                    expected += WEIGHTS[i] * (double) (float) row.value(i);
                }
                Prediction prediction = model.score(row);
                // float32 arithmetic in the runtime: a few ulps of the largest term
                assertThat(prediction.value()).isCloseTo(expected, within(1e-5 * (1 + Math.abs(expected))));
                assertThat(prediction.label()).isEmpty();
                assertThat(prediction.probabilities()).isEmpty();
            }
        }
    }

    @Test
    void doubleInputsKeepDoublePrecision() throws Exception {
        double[] weights = {0.1, -0.2, 0.3, 1e-9};
        double bias = -7.25;
        List<Features> rows = randomRows(100, 4, 2);
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linearDouble(weights, bias))) {
            for (Features row : rows) {
                double expected = bias;
                for (int i = 0; i < weights.length; i++) {
                    expected += weights[i] * row.value(i);
                }
                assertThat(model.score(row).value()).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void aBatchScoresLikeItsRecordsOneByOne() throws Exception {
        List<Features> rows = randomRows(256, 3, 3);
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, BIAS))) {
            List<Prediction> batch = model.scoreBatch(rows);
            assertThat(batch).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(batch.get(i).value()).isCloseTo(model.score(rows.get(i)).value(), within(1e-6));
            }
            assertThat(model.scoreBatch(List.of())).isEmpty();
        }
    }

    @Test
    void configuredFeatureNamesPickAndOrderTheRecordsValues() throws Exception {
        OnnxSettings settings = OnnxSettings.defaults().withFeatureNames(List.of("c", "a", "b"));
        Features record = Features.of("t", List.of("a", "b", "c", "unused"), 1.0, 2.0, 4.0, 100.0);
        double expected = WEIGHTS[0] * 4.0 + WEIGHTS[1] * 1.0 + WEIGHTS[2] * 2.0 + BIAS;
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, BIAS), settings)) {
            assertThat(model.score(record).value()).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void manyThreadsScoreAsOneThreadDoes() throws Exception {
        List<Features> rows = randomRows(500, 3, 4);
        try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(WEIGHTS, BIAS))) {
            List<Prediction> sequential = new ArrayList<>();
            for (Features row : rows) {
                sequential.add(model.score(row));
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<List<Prediction>>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    boolean batched = t % 2 == 0;
                    runs.add(pool.submit(() -> {
                        if (batched) {
                            return model.scoreBatch(rows);
                        }
                        List<Prediction> out = new ArrayList<>();
                        for (Features row : rows) {
                            out.add(model.score(row));
                        }
                        return out;
                    }));
                }
                for (java.util.concurrent.Future<List<Prediction>> run : runs) {
                    List<Prediction> got = run.get(5, java.util.concurrent.TimeUnit.MINUTES);
                    for (int i = 0; i < rows.size(); i++) {
                        assertThat(got.get(i).value()).isCloseTo(sequential.get(i).value(), within(1e-6));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static List<Features> randomRows(int count, int width, long seed) {
        Random random = new Random(seed);
        List<Features> rows = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            double[] values = new double[width];
            for (int c = 0; c < width; c++) {
                values[c] = random.nextGaussian() * 3;
            }
            rows.add(Features.positional("t", values));
        }
        return rows;
    }
}
