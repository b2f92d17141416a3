package io.modelserving.benchmarks;

import io.modelserving.Ensemble;
import io.modelserving.EnsembleDeciders;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.Scorer;
import io.modelserving.ScoringResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What model roles cost a batch of 256 wine records scored by an ONNX linear model through the {@link Scorer}:
 * the primary alone (the baseline, with and without routes), with a shadow of the same size scoring beside it on
 * a shadow thread, with a canary taking 20 % of the keys, and with an ensemble: one member beside the primary
 * deciding by the first valid answer, or two deciding by majority, every member on a thread of its own.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 2 -i 3 Roles
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RolesBenchmark {

    private ModelProcessor<Features, Prediction> primaryOnly;
    private ModelProcessor<Features, Prediction> withShadow;
    private ModelProcessor<Features, Prediction> withCanary;
    private ModelProcessor<Features, Prediction> withFirstValid;
    private ModelProcessor<Features, Prediction> withMajority;
    private List<Features> batch;
    private long[] routes;

    @Setup(Level.Trial)
    public void setUp() {
        batch = Records.wines(Records.BATCH, 2);
        routes = new long[batch.size()];
        for (int i = 0; i < routes.length; i++) {
            routes[i] = Scorer.route(("key-" + i).getBytes(StandardCharsets.UTF_8));
        }
        primaryOnly = processor();
        withShadow = processor();
        withShadow.update(model("shadow", 2).withRole(ModelRole.SHADOW, 0));
        withCanary = processor();
        withCanary.update(model("canary", 3).withRole(ModelRole.CANARY, 20));
        withFirstValid = processor();
        withFirstValid.update(ensemble(EnsembleDeciders.FIRST_VALID, model("a", 4)));
        withMajority = processor();
        withMajority.update(ensemble(EnsembleDeciders.MAJORITY, model("a", 4), model("b", 5)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        List.of(primaryOnly, withShadow, withCanary, withFirstValid, withMajority).forEach(ModelProcessor::close);
    }

    @Benchmark
    public List<ScoringResult<Prediction>> primary() {
        return primaryOnly.scorer(Features::dataType).scoreBatch(batch);
    }

    @Benchmark
    public List<ScoringResult<Prediction>> primaryRouted() {
        return primaryOnly.scorer(Features::dataType).pin(batch, routes).score();
    }

    @Benchmark
    public List<ScoringResult<Prediction>> primaryAndShadow() {
        return withShadow.scorer(Features::dataType).pin(batch, routes).score();
    }

    @Benchmark
    public List<ScoringResult<Prediction>> primaryAndCanary() {
        return withCanary.scorer(Features::dataType).pin(batch, routes).score();
    }

    @Benchmark
    public List<ScoringResult<Prediction>> ensembleFirstValid() {
        return withFirstValid.scorer(Features::dataType).pin(batch, routes).score();
    }

    @Benchmark
    public List<ScoringResult<Prediction>> ensembleMajority() {
        return withMajority.scorer(Features::dataType).pin(batch, routes).score();
    }

    private static ModelDescriptor ensemble(String decider, ModelDescriptor... members) {
        return ModelDescriptor.builder("ensemble", "wine", Ensemble.MODEL_TYPE).version("1")
                .ensemble(new Ensemble(List.of(members), decider, Duration.ofSeconds(1))).build();
    }

    private static ModelProcessor<Features, Prediction> processor() {
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
        processor.update(model("primary", 1));
        return processor;
    }

    private static ModelDescriptor model(String name, long seed) {
        int k = Records.WINE_FEATURES.size();
        double[] w = Records.weights(k, seed);
        float[] weights = new float[k];
        for (int i = 0; i < k; i++) {
            weights[i] = (float) w[i];
        }
        return ModelDescriptor.builder(name, "wine", "onnx").version("1")
                .bytes(OnnxModels.linear(weights, 0.5f)).build();
    }
}
