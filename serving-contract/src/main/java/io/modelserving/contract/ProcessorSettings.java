package io.modelserving.contract;

import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ResultComparison;
import io.modelserving.testkit.TestModels;
import java.time.Duration;
import java.util.Objects;

/**
 * How the contract wants an instance's {@link ModelProcessor} built: with the testkit's models, comparing a
 * shadow's results with the served ones within {@code comparisonTolerance}, waiting at most {@code shadowDeadline}
 * for a shadow, on at most {@code shadowThreads} shadow threads.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = settings.processor().newProcessor();   // in start(settings)
 * }</pre>
 *
 * @param comparisonTolerance the largest difference of values at which a shadow still agrees
 * @param shadowDeadline      the longest a record waits for its shadow's result after its own
 * @param shadowThreads       how many shadow calls may run at once
 */
public record ProcessorSettings(double comparisonTolerance, Duration shadowDeadline, int shadowThreads) {

    public ProcessorSettings {
        if (!(comparisonTolerance >= 0)) {
            throw new IllegalArgumentException("comparisonTolerance must be zero or more, was "
                    + comparisonTolerance);
        }
        Objects.requireNonNull(shadowDeadline, "shadowDeadline");
        if (shadowThreads < 1) {
            throw new IllegalArgumentException("shadowThreads must be at least 1, was " + shadowThreads);
        }
    }

    /** What a processor does unless told otherwise: exact comparison, the default deadline and threads. */
    public static ProcessorSettings defaults() {
        return new ProcessorSettings(0, ModelProcessor.DEFAULT_SHADOW_DEADLINE, ModelProcessor.DEFAULT_SHADOW_THREADS);
    }

    public ProcessorSettings withComparisonTolerance(double tolerance) {
        return new ProcessorSettings(tolerance, shadowDeadline, shadowThreads);
    }

    public ProcessorSettings withShadowDeadline(Duration deadline) {
        return new ProcessorSettings(comparisonTolerance, deadline, shadowThreads);
    }

    public ProcessorSettings withShadowThreads(int threads) {
        return new ProcessorSettings(comparisonTolerance, shadowDeadline, threads);
    }

    /** A new processor that loads the testkit's models ({@link TestModels#factories()}) and uses these settings. */
    public ModelProcessor<Features, Prediction> newProcessor() {
        return ModelProcessor.<Features, Prediction>builder()
                .factories(TestModels.factories())
                .comparison(ResultComparison.numeric(comparisonTolerance))
                .shadowDeadline(shadowDeadline)
                .shadowThreads(shadowThreads)
                .build();
    }
}
