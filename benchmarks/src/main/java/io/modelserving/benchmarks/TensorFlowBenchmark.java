package io.modelserving.benchmarks;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.tensorflow.GraphSettings;
import io.modelserving.tensorflow.TensorFlowGraphModel;
import io.modelserving.tensorflow.TensorFlowRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Latency of a frozen TensorFlow graph served through {@link TensorFlowGraphModel}: one record, and a batch of
 * 256 in one session run. The graph has the tutorial's wine-quality shape (11 -> 12 ReLU -> 8 ReLU -> 9
 * sigmoid) with fixed pseudo-random weights, built in code; the baseline computes the same layers in plain
 * Java, so the difference is TensorFlow's per-call overhead (tensor copies, the native session run).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 2 -i 3 TensorFlow
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TensorFlowBenchmark {

    private static final int[] LAYERS = {11, 12, 8, 9};
    private static final int BATCH = 256;

    private float[][][] kernels;
    private float[][] biases;
    private TensorFlowGraphModel model;
    private Features single;
    private List<Features> batch;

    @Setup(Level.Trial)
    public void setUp() {
        // Before any TensorFlow class loads (the graph below is built with TF's own API), so that its
        // native libraries unpack where this library says rather than into the home directory.
        TensorFlowRuntime.nativeCache();
        Random random = new Random(42);
        kernels = new float[LAYERS.length - 1][][];
        biases = new float[LAYERS.length - 1][];
        for (int l = 0; l < LAYERS.length - 1; l++) {
            kernels[l] = new float[LAYERS[l]][LAYERS[l + 1]];
            biases[l] = new float[LAYERS[l + 1]];
            for (float[] row : kernels[l]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (random.nextGaussian() / Math.sqrt(LAYERS[l]));
                }
            }
            for (int j = 0; j < biases[l].length; j++) {
                biases[l][j] = (float) (random.nextGaussian() * 0.1);
            }
        }
        model = TensorFlowGraphModel.load(graphDef(), GraphSettings.defaults().withInput("x").withOutput("y"));
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            double[] values = new double[LAYERS[0]];
            for (int j = 0; j < values.length; j++) {
                values[j] = random.nextGaussian();
            }
            batch.add(Features.positional("wine", values));
        }
        single = batch.get(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public Prediction tensorflowSingle() {
        return model.score(single);
    }

    @Benchmark
    public List<Prediction> tensorflowBatch256() {
        return model.scoreBatch(batch);
    }

    @Benchmark
    public float[] plainJavaSingle() {
        return dense(single);
    }

    @Benchmark
    public float[][] plainJavaBatch256() {
        float[][] outputs = new float[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            outputs[i] = dense(batch.get(i));
        }
        return outputs;
    }

    private float[] dense(Features record) {
        float[] x = record.toFloats();
        for (int l = 0; l < kernels.length; l++) {
            float[] y = biases[l].clone();
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < y.length; j++) {
                    y[j] += x[i] * kernels[l][i][j];
                }
            }
            boolean last = l == kernels.length - 1;
            for (int j = 0; j < y.length; j++) {
                y[j] = last ? (float) (1 / (1 + Math.exp(-y[j]))) : Math.max(0, y[j]);
            }
            x = y;
        }
        return x;
    }

    private byte[] graphDef() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> x = tf.withName("x")
                    .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, LAYERS[0])));
            for (int l = 0; l < kernels.length; l++) {
                Operand<TFloat32> z = tf.nn.biasAdd(tf.linalg.matMul(x, tf.constant(kernels[l])),
                        tf.constant(biases[l]));
                boolean last = l == kernels.length - 1;
                x = last ? tf.withName("y").math.sigmoid(z) : tf.nn.relu(z);
            }
            return graph.toGraphDef().toByteArray();
        }
    }
}
