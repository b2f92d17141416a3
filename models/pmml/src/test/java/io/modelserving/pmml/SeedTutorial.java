package io.modelserving.pmml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelserving.Features;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The original tutorial's wine data and PMML files, found in {@code shared/data/seed-tutorial} beside the
 * repository (walking up from the working directory). Tests that need them are skipped when they are absent.
 */
final class SeedTutorial {

    /** The CSV's feature columns, in order; the PMML files use these names. */
    static final List<String> FEATURES = List.of("fixed acidity", "volatile acidity", "citric acid", "residual sugar",
            "chlorides", "free sulfur dioxide", "total sulfur dioxide", "density", "pH", "sulphates", "alcohol");

    private SeedTutorial() {
    }

    /** The data directory; skips the calling test when it cannot be found. */
    static Path directory() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("seed-tutorial");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/data/seed-tutorial not found above " + System.getProperty("user.dir"));
        throw new IllegalStateException("unreachable");
    }

    static byte[] file(String name) throws IOException {
        Path path = directory().resolve(name);
        assumeTrue(Files.isRegularFile(path), path + " is missing");
        return Files.readAllBytes(path);
    }

    /** All rows of winequality_red.csv: 11 features then the quality. */
    static List<double[]> rows() throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(directory().resolve("winequality_red.csv"))) {
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
