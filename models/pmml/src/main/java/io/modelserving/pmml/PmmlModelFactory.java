package io.modelserving.pmml;

import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;

/**
 * Loads PMML models (model type {@code "pmml"}, which is also what the original tutorial's {@code PMML}
 * descriptors decode to). Found by {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
 * processor.update(ModelDescriptor.builder("wine-tree", "wine", "pmml")
 *         .bytes(Files.readAllBytes(Path.of("winequalityDecisionTreeClassification.pmml")))
 *         .build());
 * }</pre>
 */
public final class PmmlModelFactory implements ModelFactory {

    /** The model type this factory answers to. */
    public static final String MODEL_TYPE = "pmml";

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        return PmmlModel.load(source.bytes());
    }
}
