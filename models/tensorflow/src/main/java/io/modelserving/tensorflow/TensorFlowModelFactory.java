package io.modelserving.tensorflow;

import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.util.Objects;

/**
 * Loads frozen TensorFlow graphs (model type {@value #MODEL_TYPE}) as {@link TensorFlowGraphModel}s. Found
 * by {@link java.util.ServiceLoader} with the tutorial's input and output names; construct it with other
 * {@link GraphSettings} and hand it to the processor for other graphs.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
 *         .factories(List.of(new TensorFlowModelFactory(GraphSettings.defaults().withOutput("out/Softmax"))))
 *         .build();
 * processor.update(ModelDescriptor.builder("wine-tf", "wine", TensorFlowModelFactory.MODEL_TYPE)
 *         .bytes(Files.readAllBytes(Path.of("optimized_WineQuality.pb")))
 *         .build());
 * }</pre>
 */
public final class TensorFlowModelFactory implements ModelFactory {

    /** The model type this factory loads. */
    public static final String MODEL_TYPE = "tensorflow";

    private final GraphSettings settings;

    /** With {@link GraphSettings#defaults()}, the tutorial's names. */
    public TensorFlowModelFactory() {
        this(GraphSettings.defaults());
    }

    public TensorFlowModelFactory(GraphSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    /** Reads the graph's bytes (inline, or the allowed file the descriptor points to) and loads it. */
    @Override
    public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        return TensorFlowGraphModel.load(source.bytes(), settings);
    }
}
