package io.modelserving.testkit;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.spi.ModelFactory;
import io.modelserving.testkit.models.ConstantModelFactory;
import io.modelserving.testkit.models.FailingModelFactory;
import io.modelserving.testkit.models.SlowModelFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The testkit's test models: their factories ({@link #factories()}), descriptors for them and records to score
 * (see {@link io.modelserving.testkit.models}). All the models are {@code Model<Features, Prediction>}.
 *
 * <p>The factories are not registered with {@link java.util.ServiceLoader}, so having the testkit on the class
 * path never puts test models into a processor: pass them to the processor that should load them.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
 *         .factories(TestModels.factories())
 *         .build();
 * processor.update(TestModels.constant("m1", "wine", 1.0));
 * ScoringResult<Prediction> result = processor.scorer(Features::dataType).score(TestModels.features("wine", 7.4));
 * // result is Scored with Prediction.of(1.0)
 * }</pre>
 */
public final class TestModels {

    private TestModels() {
    }

    /**
     * New instances of the testkit's model factories: {@code "constant"}, {@code "failing"} and {@code "slow"}.
     *
     * @return an unmodifiable list, in that order
     */
    public static List<ModelFactory> factories() {
        return List.of(new ConstantModelFactory(), new FailingModelFactory(), new SlowModelFactory());
    }

    /**
     * The testkit's model factories followed by {@code more}, such as a production factory or one written for a
     * single test:
     *
     * <pre>{@code
     * ModelProcessor.<Features, Prediction>builder().factories(TestModels.factoriesWith(new OnnxModelFactory())).build();
     * }</pre>
     *
     * @return an unmodifiable list
     * @throws IllegalArgumentException when {@code more} is null or holds a null
     */
    public static List<ModelFactory> factoriesWith(ModelFactory... more) {
        if (more == null) {
            throw new IllegalArgumentException("more must not be null; call factories() for the testkit's alone");
        }
        List<ModelFactory> all = new ArrayList<>(factories());
        for (int i = 0; i < more.length; i++) {
            if (more[i] == null) {
                throw new IllegalArgumentException("more[" + i + "] is null");
            }
            all.add(more[i]);
        }
        return List.copyOf(all);
    }

    /** A model that scores every record to {@code Prediction.of(value)}. */
    public static ModelDescriptor constant(String name, String dataType, double value) {
        return descriptor(name, dataType, ConstantModelFactory.MODEL_TYPE, Double.toString(value));
    }

    /** A model that loads but fails every record. */
    public static ModelDescriptor failing(String name, String dataType) {
        return descriptor(name, dataType, FailingModelFactory.MODEL_TYPE, FailingModelFactory.ON_SCORE);
    }

    /** A model whose creation fails, so the processor rejects it. */
    public static ModelDescriptor failingOnLoad(String name, String dataType) {
        return descriptor(name, dataType, FailingModelFactory.MODEL_TYPE, FailingModelFactory.ON_LOAD);
    }

    /**
     * A model that scores a record to {@code Prediction.of(first value)} and fails a record whose first value is
     * negative.
     */
    public static ModelDescriptor failingOnNegative(String name, String dataType) {
        return descriptor(name, dataType, FailingModelFactory.MODEL_TYPE, FailingModelFactory.ON_NEGATIVE);
    }

    /** A model that sleeps {@code delay} on every record, then scores it to {@code Prediction.of(value)}. */
    public static ModelDescriptor slow(String name, String dataType, Duration delay, double value) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        return descriptor(name, dataType, SlowModelFactory.MODEL_TYPE, delay.toMillis() + ":" + value);
    }

    /**
     * A descriptor with the given model type and UTF-8 text as its bytes, for the cases the other methods do not
     * cover, such as bytes a factory must reject.
     */
    public static ModelDescriptor descriptor(String name, String dataType, String modelType, String bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return ModelDescriptor.builder(name, dataType, modelType)
                .description("testkit " + modelType + " model")
                .bytes(bytes.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** A positional record of {@code dataType}. */
    public static Features features(String dataType, double... values) {
        return Features.positional(dataType, values);
    }
}
