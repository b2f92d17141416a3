package io.modelserving.benchmarks;

import io.modelserving.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Wine-shaped records (the tutorial's 11 named features) with fixed pseudo-random values, shared by the JMH
 * benchmarks and the end-to-end harness.
 *
 * <pre>{@code
 * List<Features> records = Records.wines(1_000, 42);       // the same 1,000 records for seed 42
 * double[] weights = Records.weights(Records.WINE_FEATURES.size(), 1);
 * }</pre>
 */
public final class Records {

    /** The 11 feature names, in value order. */
    public static final List<String> WINE_FEATURES = List.of("fixed acidity", "volatile acidity", "citric acid",
            "residual sugar", "chlorides", "free sulfur dioxide", "total sulfur dioxide", "density", "pH",
            "sulphates", "alcohol");
    /** The batch size of the batch benchmarks. */
    public static final int BATCH = 256;

    private Records() {
    }

    /** {@code count} records of data type {@code "wine"}, the same ones for the same seed. */
    public static List<Features> wines(int count, long seed) {
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

    /** {@code count} Gaussian weights, the same ones for the same seed. */
    public static double[] weights(int count, long seed) {
        Random random = new Random(seed);
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = random.nextGaussian();
        }
        return weights;
    }
}
