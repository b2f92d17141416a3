package io.modelserving.benchmarks;

import io.modelserving.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Wine-shaped records (the tutorial's 11 named features) with fixed pseudo-random values. */
final class Records {

    static final List<String> WINE_FEATURES = List.of("fixed acidity", "volatile acidity", "citric acid",
            "residual sugar", "chlorides", "free sulfur dioxide", "total sulfur dioxide", "density", "pH",
            "sulphates", "alcohol");
    static final int BATCH = 256;

    private Records() {
    }

    static List<Features> wines(int count, long seed) {
        Random random = new Random(seed);
        List<Features> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double[] values = new double[WINE_FEATURES.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = 5 + 2 * random.nextGaussian();
            }
            records.add(Features.of("wine", WINE_FEATURES, values));
        }
        return records;
    }

    static double[] weights(int count, long seed) {
        Random random = new Random(seed);
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = random.nextGaussian();
        }
        return weights;
    }
}
