package io.modelserving.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.onnx.OnnxModel;
import java.nio.FloatBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of an ONNX linear model over the 11 wine features served through {@link OnnxModel}: one record,
 * and a batch of 256 in one run. Two baselines in the same run: the raw ONNX Runtime call on the same model
 * (a tensor in, a tensor out: what the wrapper adds is the difference) and the same dot product in plain
 * Java (what the runtime call costs at all).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 2 -i 3 Onnx
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OnnxBenchmark {

    private float[] weights;
    private float bias;
    private OnnxModel model;
    private OrtEnvironment env;
    private OrtSession.SessionOptions options;
    private OrtSession session;
    private Features single;
    private List<Features> batch;
    private float[] singleRow;
    private float[] batchRows;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        int k = Records.WINE_FEATURES.size();
        double[] w = Records.weights(k, 1);
        weights = new float[k];
        for (int i = 0; i < k; i++) {
            weights[i] = (float) w[i];
        }
        bias = 0.5f;
        byte[] bytes = OnnxModels.linear(weights, bias);
        model = OnnxModel.load(bytes);
        env = OrtEnvironment.getEnvironment();
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        session = env.createSession(bytes, options);
        batch = Records.wines(Records.BATCH, 2);
        single = batch.get(0);
        singleRow = single.toFloats();
        batchRows = new float[Records.BATCH * k];
        for (int r = 0; r < Records.BATCH; r++) {
            System.arraycopy(batch.get(r).toFloats(), 0, batchRows, r * k, k);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        model.close();
        session.close();
        options.close();
    }

    @Benchmark
    public Prediction onnxModelSingle() throws Exception {
        return model.score(single);
    }

    @Benchmark
    public List<Prediction> onnxModelBatch256() throws Exception {
        return model.scoreBatch(batch);
    }

    @Benchmark
    public float runtimeSingle() throws OrtException {
        return run(singleRow, 1)[0];
    }

    @Benchmark
    public float[] runtimeBatch256() throws OrtException {
        return run(batchRows, Records.BATCH);
    }

    @Benchmark
    public double plainJavaSingle() {
        return dot(single.values());
    }

    @Benchmark
    public double[] plainJavaBatch256() {
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dot(batch.get(i).values());
        }
        return out;
    }

    private float[] run(float[] rows, int count) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(rows), new long[] {count, weights.length});
             OrtSession.Result result = session.run(Map.of("x", x))) {
            FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] out = new float[y.remaining()];
            y.get(out);
            return out;
        }
    }

    private double dot(double[] x) {
        double sum = bias;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (float) x[i];
        }
        return sum;
    }
}
