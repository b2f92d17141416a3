package io.modelserving.examples.training;

import io.modelserving.examples.wine.WineCsv;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Trains a linear regression of wine quality with Tribuo and exports it to ONNX: the "model training" side
 * of the demo, in plain Java.
 *
 * <pre>{@code
 * OnnxWineModel model = OnnxWineModel.train(rows, 42);
 * byte[] onnx = model.onnxBytes();          // publish with model type "onnx"
 * double expected = model.predict(row.features());
 * }</pre>
 */
public final class OnnxWineModel {

    // Tribuo orders features by name, and its ONNX export takes them in that order; zero-padded names keep
    // that order equal to the CSV's column order, which is how records reach the model.
    private static final String[] NAMES = {"f00", "f01", "f02", "f03", "f04", "f05", "f06", "f07", "f08", "f09", "f10"};

    private final LinearSGDModel model;

    private OnnxWineModel(LinearSGDModel model) {
        this.model = model;
    }

    public static OnnxWineModel train(List<WineCsv.Row> rows, long seed) {
        // Tribuo reports every thousand SGD steps through java.util.logging; the demo has its own progress line.
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data =
                new MutableDataset<>(new SimpleDataSourceProvenance("wine", factory), factory);
        for (WineCsv.Row row : rows) {
            data.add(example(row.features(), row.quality()));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 20, seed);
        return new OnnxWineModel(trainer.train(data));
    }

    /** The model as an ONNX {@code ModelProto}: input [n, 11] float, output [n, 1] float. */
    public byte[] onnxBytes() {
        return model.exportONNXModel("io.modelserving.examples", 1).toByteArray();
    }

    /** Tribuo's own prediction for a row: the reference the served ONNX scores are checked against. */
    public double predict(double[] features) {
        return model.predict(example(features, Double.NaN)).getOutput().getValues()[0];
    }

    private static Example<Regressor> example(double[] features, double quality) {
        return new ArrayExample<>(new Regressor("quality", quality), NAMES, features);
    }
}
