package io.modelserving.pmml;

import io.modelserving.ModelServingException;

/**
 * A PMML model could not be loaded, or a record does not carry what the model needs.
 *
 * <p>Thrown while loading, it makes the model update rejected with this message; thrown while scoring, the
 * {@link io.modelserving.Scorer} turns it into a failure value for that record.
 *
 * <pre>{@code
 * try {
 *     Prediction p = model.score(features);
 * } catch (PmmlModelException e) {
 *     log.warn("not scored: {}", e.getMessage());   // e.g. "... has no feature 'alcohol' ..."
 * }
 * }</pre>
 */
public class PmmlModelException extends ModelServingException {

    public PmmlModelException(String message) {
        super(message);
    }

    public PmmlModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
