package io.modelserving.tensorflow;

import io.modelserving.Features;
import io.modelserving.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The original tutorial's data and model files, the shared data set {@code seed-tutorial}. As
 * {@link SharedData} rules: a test that needs them is skipped when the data set is absent, and fails when it is
 * present but a file is missing.
 */
final class SeedData {

    static final int ROWS = 1599;

    private SeedData() {
    }

    /** The data set's directory. */
    static Path directory() {
        return dataSet().root();
    }

    /** The frozen graph {@code optimized_WineQuality.pb}. */
    static byte[] frozenGraph() {
        return dataSet().bytes("optimized_WineQuality.pb");
    }

    /** The SavedModel directory {@code saved/1}, with its graph and variables. */
    static Path savedModel() {
        SharedData seed = dataSet();
        for (String file : List.of("saved_model.pb", "variables/variables.index",
                "variables/variables.data-00000-of-00001")) {
            seed.file("saved/1/" + file);
        }
        return seed.directory("saved/1");
    }

    /** The 1,599 wines: 11 features each, as records of data type "wine". */
    static List<Features> wines() {
        List<Features> wines = new ArrayList<>();
        for (double[] row : rows()) {
            wines.add(Features.positional("wine", Arrays.copyOf(row, 11)));
        }
        return wines;
    }

    /** Each CSV row: 11 features then the quality. */
    static List<double[]> rows() {
        List<double[]> rows = new ArrayList<>();
        for (String line : dataSet().lines("winequality_red.csv")) {
            if (!line.isBlank()) {
                rows.add(Arrays.stream(line.split(";")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return rows;
    }

    private static SharedData dataSet() {
        return SharedData.dataSet("seed-tutorial");
    }
}
