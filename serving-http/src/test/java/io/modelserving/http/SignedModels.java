package io.modelserving.http;

import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelSignature;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.util.Map;
import java.util.Optional;

/**
 * Models of type {@code "signed"} that return their input, each with the signature given for its model name, or
 * none for a name not given: enough to load real models into a real processor.
 */
final class SignedModels implements ModelFactory {

    static final String TYPE = "signed";

    private final Map<String, ModelSignature> signatures;

    SignedModels(Map<String, ModelSignature> signatures) {
        this.signatures = signatures;
    }

    @Override
    public String modelType() {
        return TYPE;
    }

    @Override
    public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) {
        Optional<ModelSignature> signature = Optional.ofNullable(signatures.get(descriptor.name()));
        return new Model<Double, Double>() {
            @Override
            public Double score(Double input) {
                return input;
            }

            @Override
            public Optional<ModelSignature> signature() {
                return signature;
            }
        };
    }
}
