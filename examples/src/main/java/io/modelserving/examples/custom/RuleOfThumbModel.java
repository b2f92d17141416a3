package io.modelserving.examples.custom;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.Prediction;

// tag::model[]
/** Scores a wine by a rule of thumb: quality rises with alcohol, above a base line the model was given. */
public final class RuleOfThumbModel implements Model<Features, Prediction> {

    private final double base;

    public RuleOfThumbModel(double base) {
        this.base = base;
    }

    @Override
    public Prediction score(Features wine) {
        // Features.get fails with a clear message when the record has no such field.
        return Prediction.of(base + 0.3 * (wine.get("alcohol") - 10));
    }
}
// end::model[]
