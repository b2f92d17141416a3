package io.modelserving.benchmarks;

import io.modelserving.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Records with fixed pseudo-random values, shared by the JMH benchmarks and the end-to-end harness: wine-shaped
 * ones (the tutorial's 11 named features) and image-shaped ones (the Crayfish benchmark's 784 uniform values).
 *
 * <pre>{@code
 * List<Features> records = Records.wines(1_000, 42);       // the same 1,000 records for seed 42
 * double[] weights = Records.weights(Records.WINE_FEATURES.size(), 1);
 * List<Features> images = Records.uniform("ffnn", 1_000, 784, 42); // positional values in [0, 1)
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

    /**
     * {@code count} records of {@code width} positional values, each uniform in [0, 1) and drawn as the Crayfish
     * benchmark's data generator draws them ({@code (float) SplittableRandom.nextDouble()}), but seeded: the same
     * records for the same seed.
     */
    public static List<Features> uniform(String dataType, int count, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Features> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double[] values = new double[width];
            for (int j = 0; j < width; j++) {
                values[j] = (float) random.nextDouble();
            }
            records.add(Features.positional(dataType, values));
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
