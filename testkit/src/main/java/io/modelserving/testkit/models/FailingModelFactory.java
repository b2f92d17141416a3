package io.modelserving.testkit.models;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.Prediction;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;

/**
 * Model type {@code "failing"}, for testing failure paths. Its bytes choose how it fails:
 * <ul>
 *   <li>{@code "load"}: creating the model throws, so the model is rejected;</li>
 *   <li>{@code "negative"}: scores records to {@code Prediction.of(first value)}, but throws for a record
 *       whose first value is negative (or that has no values);</li>
 *   <li>anything else: loads, then throws for every record.</li>
 * </ul>
 * Failures are {@link TestModelException}s whose message names the model. Pass it to a processor with
 * {@link io.modelserving.testkit.TestModels#factories()}.
 *
 * <pre>{@code
 * processor.update(TestModels.failingOnNegative("picky", "wine"));
 * scorer.score(TestModels.features("wine", -1.0));   // ScoringResult.Failed, reason names "picky"
 * }</pre>
 */
public final class FailingModelFactory implements ModelFactory {

    /** The model type this factory loads. */
    public static final String MODEL_TYPE = "failing";
    /** Bytes that make creation fail. */
    public static final String ON_LOAD = "load";
    /** Bytes that make scoring fail for records whose first value is negative. */
    public static final String ON_NEGATIVE = "negative";
    /** Bytes that make scoring fail for every record. */
    public static final String ON_SCORE = "score";

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Model<Features, Prediction> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        String mode = Payloads.text(source);
        String name = descriptor.name();
        if (ON_LOAD.equals(mode)) {
            throw new TestModelException("failing test model " + name + " refuses to load (bytes '" + ON_LOAD + "')");
        }
        if (ON_NEGATIVE.equals(mode)) {
            return input -> {
                if (input.size() == 0 || input.value(0) < 0) {
                    throw new TestModelException("failing test model " + name
                            + " rejects a record whose first value is negative or missing: " + input);
                }
                return Prediction.of(input.value(0));
            };
        }
        return input -> {
            throw new TestModelException("failing test model " + name + " fails every record");
        };
    }
}
