package io.modelserving.examples.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving processor loads every real model format on the class path and none of the testkit's. */
class ServingAppTest {

    @Test
    void processorServesTheRealFormatsOnly(@TempDir Path stateDir) {
        try (ModelProcessor<Features, Prediction> processor =
                     ServingApp.processor(ServingOptions.defaults("localhost:9092", stateDir))) {
            assertThat(processor.modelTypes()).contains("onnx", "pmml", "rule-of-thumb")
                    .doesNotContain("constant", "failing", "slow");
        }
    }
}
