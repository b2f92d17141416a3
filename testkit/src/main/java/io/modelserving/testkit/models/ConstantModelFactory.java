package io.modelserving.testkit.models;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.Prediction;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;

/**
 * Model type {@code "constant"}: the bytes are a UTF-8 decimal number, and every record scores to
 * {@code Prediction.of(number)}. Bytes that are not a finite number reject the model with a reason that quotes
 * them. Pass it to a processor with {@link io.modelserving.testkit.TestModels#factories()}.
 *
 * <pre>{@code
 * ModelDescriptor five = ModelDescriptor.builder("m1", "wine", "constant").bytes("5.0".getBytes(UTF_8)).build();
 * processor.update(five);                       // or TestModels.constant("m1", "wine", 5.0)
 * }</pre>
 */
public final class ConstantModelFactory implements ModelFactory {

    /** The model type this factory loads. */
    public static final String MODEL_TYPE = "constant";

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Model<Features, Prediction> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        double value = Payloads.number(Payloads.text(source), "constant model " + descriptor.name());
        Prediction prediction = Prediction.of(value);
        return input -> prediction;
    }
}
