package io.modelserving.testkit.models;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.Prediction;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;

/**
 * Model type {@code "slow"}: the bytes are {@code "<millis>:<value>"}; each record sleeps {@code millis}, then
 * scores to {@code Prediction.of(value)}. For testing back pressure, timeouts and swaps during a call.
 * Malformed bytes reject the model with a reason that quotes them. Pass it to a processor with
 * {@link io.modelserving.testkit.TestModels#factories()}.
 *
 * <pre>{@code
 * processor.update(TestModels.slow("sleepy", "wine", Duration.ofMillis(50), 1.0));
 * }</pre>
 */
public final class SlowModelFactory implements ModelFactory {

    /** The model type this factory loads. */
    public static final String MODEL_TYPE = "slow";

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Model<Features, Prediction> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        String text = Payloads.text(source);
        String what = "slow model " + descriptor.name();
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(what + " needs bytes '<millis>:<value>', was '" + text + "'");
        }
        long millis;
        try {
            millis = Long.parseLong(text.substring(0, colon).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " needs whole milliseconds before ':', was '" + text + "'");
        }
        if (millis < 0) {
            throw new IllegalArgumentException(what + " needs non-negative milliseconds, was '" + text + "'");
        }
        Prediction prediction = Prediction.of(Payloads.number(text.substring(colon + 1).trim(), what + " value"));
        return input -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // keep the flag for the caller's shutdown logic
                throw e;
            }
            return prediction;
        };
    }
}
