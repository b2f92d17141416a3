package io.modelserving.pmml;

import io.modelserving.Features;
import io.modelserving.testkit.SharedData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The original tutorial's wine data and PMML files, the shared data set {@code seed-tutorial}. As
 * {@link SharedData} rules: a test that needs them is skipped when the data set is absent, and fails when it is
 * present but a file is missing.
 */
final class SeedTutorial {

    /** The CSV's feature columns, in order; the PMML files use these names. */
    static final List<String> FEATURES = List.of("fixed acidity", "volatile acidity", "citric acid", "residual sugar",
            "chlorides", "free sulfur dioxide", "total sulfur dioxide", "density", "pH", "sulphates", "alcohol");

    private SeedTutorial() {
    }

    /** A file of the data set, such as {@code "winequalityLinearRegression.pmml"}. */
    static byte[] file(String name) {
        return SharedData.dataSet("seed-tutorial").bytes(name);
    }

    /** All rows of winequality_red.csv: 11 features then the quality. */
    static List<double[]> rows() {
        List<double[]> rows = new ArrayList<>();
        for (String line : SharedData.dataSet("seed-tutorial").lines("winequality_red.csv")) {
            if (!line.isBlank()) {
                rows.add(Arrays.stream(line.split(";")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return rows;
    }

    static Features features(double[] row) {
        return Features.of("wine", FEATURES, Arrays.copyOf(row, FEATURES.size()));
    }

    static double value(double[] row, String feature) {
        int index = FEATURES.indexOf(feature);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + feature);
        }
        return row[index];
    }
}
