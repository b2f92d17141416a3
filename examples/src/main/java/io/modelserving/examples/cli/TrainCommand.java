package io.modelserving.examples.cli;

import io.modelserving.examples.training.TrainedWineModels;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The training side, offline: the demo's models and wine-like data as files, for the other subcommands. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the demo's two wine models and write them with a sample CSV to a folder: "
                + "wine-linear.onnx, wine-ols.pmml, wine.csv.")
final class TrainCommand implements Callable<Integer> {

    static final String ONNX_FILE = "wine-linear.onnx";
    static final String PMML_FILE = "wine-ols.pmml";
    static final String CSV_FILE = "wine.csv";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write to; created if missing.")
    Path out;

    @Option(names = "--rows", defaultValue = "1000", description = "Rows of the sample CSV. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the training and sample data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (rows <= 0) {
            throw new IllegalArgumentException("--rows must be positive, was " + rows);
        }
        Files.createDirectories(out);
        TrainedWineModels models = TrainedWineModels.train(seed);
        Files.write(out.resolve(ONNX_FILE), models.onnx().onnxBytes());
        Files.writeString(out.resolve(PMML_FILE), models.pmml().toPmml(), StandardCharsets.UTF_8);
        // Other data than the models were trained on: a different seed.
        WineCsv.write(out.resolve(CSV_FILE), new WineGenerator(seed + 1).rows(rows));
        System.out.printf("Wrote %s (Tribuo linear regression, ONNX), %s (least squares, PMML) and %s (%d rows) to %s%n",
                ONNX_FILE, PMML_FILE, CSV_FILE, rows, out);
        return 0;
    }
}
