package io.modelserving.examples.demo;

import io.modelserving.ModelDescriptor;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.training.OnnxWineModel;
import io.modelserving.examples.training.PmmlWineModel;
import io.modelserving.examples.training.TrainedWineModels;
import io.modelserving.examples.wine.Wine;
import java.nio.charset.StandardCharsets;

/**
 * The demo's two models, trained at start on generated wine data: a Tribuo linear regression exported to
 * ONNX, then an ordinary-least-squares fit written as PMML. Each keeps its trained form, so the demo can
 * check every served score against an independent computation.
 */
final class DemoModels {

    static final String FIRST = "wine-tribuo-linear";
    static final String SECOND = "wine-ols";

    final OnnxWineModel onnx;
    final PmmlWineModel pmml;

    private DemoModels(OnnxWineModel onnx, PmmlWineModel pmml) {
        this.onnx = onnx;
        this.pmml = pmml;
    }

    static DemoModels train(long seed) {
        TrainedWineModels trained = TrainedWineModels.train(seed);
        return new DemoModels(trained.onnx(), trained.pmml());
    }

    ModelDescriptor first() {
        return ModelPublisher.describe(onnx.onnxBytes(), "onnx", FIRST, Wine.DATA_TYPE,
                "linear regression trained with Tribuo, exported to ONNX", "1");
    }

    ModelDescriptor second() {
        return ModelPublisher.describe(pmml.toPmml().getBytes(StandardCharsets.UTF_8), "pmml", SECOND, Wine.DATA_TYPE,
                "ordinary least squares, written as PMML", "2");
    }

    /** The independent expectation for a score by the named model. */
    double expected(String modelLabel, double[] input) {
        return modelLabel.startsWith(FIRST) ? onnx.predict(input) : pmml.predict(input);
    }
}
