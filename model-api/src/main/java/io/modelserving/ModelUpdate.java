package io.modelserving;

/**
 * The outcome of offering a model to the {@link ModelProcessor}.
 *
 * @param accepted whether the model is now current for its data type
 * @param model    the offered model's identity
 * @param reason   why it was rejected; empty when accepted
 */
public record ModelUpdate(boolean accepted, ModelInfo model, String reason) {

    static ModelUpdate accepted(ModelInfo model) {
        return new ModelUpdate(true, model, "");
    }

    static ModelUpdate rejected(ModelInfo model, String reason) {
        return new ModelUpdate(false, model, reason);
    }
}
