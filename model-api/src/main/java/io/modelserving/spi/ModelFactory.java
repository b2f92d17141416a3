package io.modelserving.spi;

import io.modelserving.Model;
import io.modelserving.ModelDescriptor;

/**
 * Creates models of one model type. Implementations are found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/io.modelserving.spi.ModelFactory}, or hand instances to
 * {@link io.modelserving.ModelProcessor.Builder#factories}.
 *
 * <pre>{@code
 * public final class ThresholdModelFactory implements ModelFactory {
 *     public String modelType() { return "threshold"; }
 *     public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
 *         return new ThresholdModel(Double.parseDouble(new String(source.bytes(), UTF_8)));
 *     }
 * }
 * }</pre>
 */
public interface ModelFactory {

    /** The model type this factory loads, such as {@code "onnx"}; matched against the descriptor's. */
    String modelType();

    /**
     * Loads a model. Called off the scoring path; may take as long as the model needs. Throw with a message
     * that says what is wrong with the model: it becomes the rejection reason.
     *
     * @param descriptor the model's descriptor
     * @param source     its content, already checked against the size and location limits
     */
    Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception;
}
