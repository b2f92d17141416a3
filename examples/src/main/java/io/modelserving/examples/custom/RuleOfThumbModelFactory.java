package io.modelserving.examples.custom;

import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.nio.charset.StandardCharsets;

// tag::factory[]
/**
 * Loads {@link RuleOfThumbModel}s: the model bytes are its base line as text. Registered in
 * {@code META-INF/services/io.modelserving.spi.ModelFactory}, so publishing a model of type "rule-of-thumb"
 * is all it takes to serve one.
 */
public final class RuleOfThumbModelFactory implements ModelFactory {

    @Override
    public String modelType() {
        return "rule-of-thumb";
    }

    @Override
    public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        String text = new String(source.bytes(), StandardCharsets.UTF_8).trim();
        try {
            return new RuleOfThumbModel(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            // The message becomes the rejection reason on the dead-letter topic.
            throw new IllegalArgumentException("rule-of-thumb model bytes must be a number, got '" + text + "'");
        }
    }
}
// end::factory[]
