package io.modelserving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Processors of "linear" test models ({@link TestFactories.LinearFactory}) for the role and ensemble tests, closed
 * (and their hung models released) with the fixture.
 */
final class LinearProcessors implements AutoCloseable {

    final TestFactories.LinearFactory linear = new TestFactories.LinearFactory();
    private final List<ModelProcessor<Features, Prediction>> processors = new ArrayList<>();

    /** A processor of linear models, configured by {@code settings}. */
    ModelProcessor<Features, Prediction> processor(Consumer<ModelProcessor.Builder<Features, Prediction>> settings) {
        ModelProcessor.Builder<Features, Prediction> builder = ModelProcessor.<Features, Prediction>builder()
                .factories(List.of(linear));
        settings.accept(builder);
        ModelProcessor<Features, Prediction> processor = builder.build();
        processors.add(processor);
        return processor;
    }

    /** Releases the models that hang, then closes every processor. */
    @Override
    public void close() {
        linear.release.countDown();
        processors.forEach(ModelProcessor::close);
    }

    /** A linear model of data type wine, version 1; see {@link TestFactories.LinearFactory} for {@code spec}. */
    static ModelDescriptor.Builder linear(String name, String spec) {
        return ModelDescriptor.builder(name, "wine", "linear").version("1")
                .bytes(spec.getBytes(StandardCharsets.UTF_8));
    }

    static double value(ScoringResult<Prediction> result) {
        assertThat(result).isInstanceOf(ScoringResult.Scored.class);
        return ((ScoringResult.Scored<Prediction>) result).value().value();
    }

    static String reason(ScoringResult<Prediction> result) {
        assertThat(result).isInstanceOf(ScoringResult.Failed.class);
        return ((ScoringResult.Failed<Prediction>) result).reason();
    }
}
