package io.modelserving.examples.training;

import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import java.util.List;

/**
 * The examples' two wine models, trained on generated wine data: a Tribuo linear regression exported to ONNX and
 * an ordinary-least-squares fit written as PMML. Deterministic for a seed, so the demo, the {@code train}
 * command and their tests agree on every score.
 *
 * <pre>{@code
 * TrainedWineModels models = TrainedWineModels.train(42);
 * byte[] onnx = models.onnx().onnxBytes();
 * }</pre>
 *
 * @param onnx the linear regression, which also predicts as trained (the independent expectation)
 * @param pmml the least-squares fit, likewise
 */
public record TrainedWineModels(OnnxWineModel onnx, PmmlWineModel pmml) {

    /** Rows each model is trained on. */
    public static final int TRAINING_ROWS = 2_000;

    public static TrainedWineModels train(long seed) {
        List<WineCsv.Row> training = new WineGenerator(seed).rows(TRAINING_ROWS);
        return new TrainedWineModels(OnnxWineModel.train(training, seed), PmmlWineModel.fit(training));
    }
}
