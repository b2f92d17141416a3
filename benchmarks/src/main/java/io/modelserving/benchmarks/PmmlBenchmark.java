package io.modelserving.benchmarks;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.pmml.PmmlModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of PMML models over the 11 wine features served through {@link PmmlModel}: a linear regression and
 * a depth-8 classification tree, one record and a batch of 256 (pmml4s scores row by row, so a batch costs
 * 256 rows). Baselines in the same run: pmml4s called directly with a name-to-value map, as the original
 * tutorial did (what the wrapper adds or saves is the difference), and the regression's dot product in plain
 * Java.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 2 -i 3 Pmml
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PmmlBenchmark {

    private double[] weights;
    private double intercept;
    private PmmlModel linear;
    private PmmlModel tree;
    private org.pmml4s.model.Model rawLinear;
    private Features single;
    private List<Features> batch;
    private Map<String, Object> singleMap;

    @Setup(Level.Trial)
    public void setUp() {
        weights = Records.weights(Records.WINE_FEATURES.size(), 3);
        intercept = 4.2;
        byte[] linearPmml = PmmlDocuments.linearRegression(weights, intercept);
        linear = PmmlModel.load(linearPmml);
        rawLinear = org.pmml4s.model.Model.fromBytes(linearPmml);
        tree = PmmlModel.load(PmmlDocuments.classificationTree(8, 4));
        batch = Records.wines(Records.BATCH, 5);
        single = batch.get(0);
        singleMap = new HashMap<>();
        single.asMap().forEach(singleMap::put);
    }

    @Benchmark
    public Prediction pmmlLinearSingle() {
        return linear.score(single);
    }

    @Benchmark
    public List<Prediction> pmmlLinearBatch256() throws Exception {
        return linear.scoreBatch(batch);
    }

    @Benchmark
    public Prediction pmmlTreeSingle() {
        return tree.score(single);
    }

    @Benchmark
    public List<Prediction> pmmlTreeBatch256() throws Exception {
        return tree.scoreBatch(batch);
    }

    @Benchmark
    public Map<String, Object> pmml4sMapLinearSingle() {
        return rawLinear.predict(singleMap);
    }

    @Benchmark
    public List<Map<String, Object>> pmml4sMapLinearBatch256() {
        List<Map<String, Object>> out = new ArrayList<>(batch.size());
        for (Features record : batch) {
            Map<String, Object> values = new HashMap<>();
            record.asMap().forEach(values::put);
            out.add(rawLinear.predict(values));
        }
        return out;
    }

    @Benchmark
    public double plainJavaLinearSingle() {
        return dot(single.values());
    }

    @Benchmark
    public double[] plainJavaLinearBatch256() {
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dot(batch.get(i).values());
        }
        return out;
    }

    private double dot(double[] x) {
        double sum = intercept;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * x[i];
        }
        return sum;
    }
}
