package io.modelserving.testkit.models;

import io.modelserving.ModelServingException;

/**
 * The failure a {@code "failing"} test model raises on purpose, so a test can tell it from a real error.
 *
 * <pre>{@code
 * ScoringResult<Prediction> result = scorer.score(features);
 * assertThat(((ScoringResult.Failed<Prediction>) result).reason()).contains("TestModelException");
 * }</pre>
 */
public class TestModelException extends ModelServingException {

    public TestModelException(String message) {
        super(message);
    }
}
