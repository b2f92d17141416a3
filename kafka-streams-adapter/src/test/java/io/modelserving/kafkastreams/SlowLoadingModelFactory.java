package io.modelserving.kafkastreams;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.Prediction;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Models that take as long to load as their bytes say (in milliseconds), then score 1.0. */
final class SlowLoadingModelFactory implements ModelFactory {

    static final String MODEL_TYPE = "slow-loading";

    static ModelDescriptor descriptor(String name, String dataType, Duration loading) {
        return ModelDescriptor.builder(name, dataType, MODEL_TYPE)
                .bytes(Long.toString(loading.toMillis()).getBytes(StandardCharsets.UTF_8)).build();
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Model<Features, Prediction> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        Thread.sleep(Long.parseLong(new String(source.bytes(), StandardCharsets.UTF_8).trim()));
        return input -> Prediction.of(1.0);
    }
}
