package io.modelserving.tensorflow;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelserving.Features;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The original tutorial's data and model files, found beside the repository; tests skip without them. */
final class SeedData {

    static final int ROWS = 1599;

    private SeedData() {
    }

    /** The seed-tutorial directory, or skips the calling test when it is absent. */
    static Path directory() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/seed-tutorial");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/data/seed-tutorial not found beside the repository; skipping");
        return null;
    }

    /** The 1,599 wines: 11 features each, as records of data type "wine". */
    static List<Features> wines() throws IOException {
        List<Features> wines = new ArrayList<>();
        for (double[] row : rows()) {
            wines.add(Features.positional("wine", Arrays.copyOf(row, 11)));
        }
        return wines;
    }

    /** Each CSV row: 11 features then the quality. */
    static List<double[]> rows() throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(directory().resolve("winequality_red.csv"))) {
            if (!line.isBlank()) {
                rows.add(Arrays.stream(line.split(";")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return rows;
    }
}
