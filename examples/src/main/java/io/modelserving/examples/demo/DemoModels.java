package io.modelserving.examples.demo;

import io.modelserving.ModelDescriptor;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.training.OnnxWineModel;
import io.modelserving.examples.training.PmmlWineModel;
import io.modelserving.examples.training.TrainedWineModels;
import io.modelserving.examples.wine.Wine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The demo's models, trained at start on generated wine data: a Tribuo linear regression exported to ONNX (model 1),
 * then an ordinary-least-squares fit written as PMML (model 2), then the Tribuo regression again as version 3,
 * deployed as model 2's shadow and promoted (model 3). Each keeps its trained form, so the demo can check every
 * served score against an independent computation.
 */
final class DemoModels {

    static final String FIRST = "wine-tribuo-linear";
    static final String SECOND = "wine-ols";
    static final String FIRST_LABEL = FIRST + ":1";
    static final String SECOND_LABEL = SECOND + ":2";
    static final String THIRD_LABEL = FIRST + ":3";

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

    /** Model 3: the Tribuo regression again, as version 3, deployed beside model 2 as its shadow. */
    ModelDescriptor third() {
        // tag::deploy-shadow[]
        ModelDescriptor shadow = ModelDescriptor.builder(FIRST, Wine.DATA_TYPE, "onnx")
                .description("linear regression trained with Tribuo, as a shadow of the primary")
                .version("3")
                .createdAt(Instant.now())
                .bytes(onnx.onnxBytes())
                .shadow() // or .canary(5): serve 5 % of the keys instead of the primary
                .build();
        // end::deploy-shadow[]
        return shadow;
    }

    /** The independent expectation for a score by the named model. */
    double expected(String modelLabel, double[] input) {
        return modelLabel.startsWith(FIRST) ? onnx.predict(input) : pmml.predict(input);
    }
}
