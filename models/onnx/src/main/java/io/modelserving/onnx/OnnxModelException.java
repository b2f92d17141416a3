package io.modelserving.onnx;

import io.modelserving.ModelServingException;

/**
 * An ONNX model could not be loaded, or a record does not fit the model's input.
 *
 * <p>Thrown while loading, it makes the model update rejected with this message; thrown while scoring, the
 * {@link io.modelserving.Scorer} turns it into a failure value for that record.
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.load(bytes)) {
 *     model.score(features);
 * } catch (OnnxModelException e) {
 *     log.warn("not scored: {}", e.getMessage());
 * }
 * }</pre>
 */
public class OnnxModelException extends ModelServingException {

    public OnnxModelException(String message) {
        super(message);
    }

    public OnnxModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
