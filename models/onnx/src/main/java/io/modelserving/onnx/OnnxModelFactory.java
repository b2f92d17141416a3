package io.modelserving.onnx;

import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.util.Objects;

/**
 * Loads ONNX models (model type {@code "onnx"}) with ONNX Runtime. Found by {@link java.util.ServiceLoader}
 * with {@link OnnxSettings#defaults() default settings}; hand an instance to the processor to choose others.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
 *         .factories(List.of(new OnnxModelFactory(OnnxSettings.defaults().withIntraOpThreads(2))))
 *         .build();
 * processor.update(ModelDescriptor.builder("wine", "wine", "onnx").bytes(onnxBytes).build());
 * }</pre>
 */
public final class OnnxModelFactory implements ModelFactory {

    /** The model type this factory answers to. */
    public static final String MODEL_TYPE = "onnx";

    private final OnnxSettings settings;

    /** A factory with {@link OnnxSettings#defaults()}. */
    public OnnxModelFactory() {
        this(OnnxSettings.defaults());
    }

    public OnnxModelFactory(OnnxSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    public OnnxSettings settings() {
        return settings;
    }

    @Override
    public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        return OnnxModel.load(source.bytes(), settings);
    }
}
