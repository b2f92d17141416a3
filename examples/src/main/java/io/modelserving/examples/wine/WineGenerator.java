package io.modelserving.examples.wine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates wine-like rows: each feature drawn around the red-wine data set's mean and spread, the quality
 * from a fixed linear rule plus noise. Deterministic for a given seed, so the demo and its tests agree.
 */
public final class WineGenerator {

    // Mean and standard deviation of each feature in the red-wine data set, in CSV order.
    private static final double[] MEAN = {8.32, 0.528, 0.271, 2.54, 0.0875, 15.9, 46.5, 0.9967, 3.31, 0.658, 10.4};
    private static final double[] SPREAD = {1.74, 0.179, 0.195, 1.41, 0.047, 10.5, 32.9, 0.0019, 0.154, 0.170, 1.07};

    private final Random random;

    public WineGenerator(long seed) {
        this.random = new Random(seed);
    }

    public WineCsv.Row next() {
        double[] features = new double[MEAN.length];
        for (int i = 0; i < features.length; i++) {
            features[i] = Math.max(MEAN[i] * 0.05, MEAN[i] + SPREAD[i] * random.nextGaussian());
        }
        // Alcohol and sulphates raise quality, volatile acidity lowers it (the data set's strongest effects).
        double quality = 5.6 + 0.87 * (features[10] - MEAN[10]) - 1.1 * (features[1] - MEAN[1])
                + 0.9 * (features[9] - MEAN[9]) + 0.4 * random.nextGaussian();
        return new WineCsv.Row(features, Math.max(3, Math.min(8, Math.round(quality))));
    }

    public List<WineCsv.Row> rows(int count) {
        List<WineCsv.Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(next());
        }
        return rows;
    }
}
