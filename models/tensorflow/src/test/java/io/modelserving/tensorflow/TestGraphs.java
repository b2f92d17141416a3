package io.modelserving.tensorflow;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** Frozen graphs built with TensorFlow's Java Ops API, with weights the tests know. */
final class TestGraphs {

    /** 3 features -> 4 ReLU units -> 3 sigmoid classes. */
    static final float[][] HIDDEN_KERNEL = {
        {0.5f, -1.0f, 0.25f, 2.0f},
        {-0.75f, 0.5f, 1.5f, -0.5f},
        {1.0f, 0.125f, -2.0f, 0.75f}};
    static final float[] HIDDEN_BIAS = {0.1f, -0.2f, 0.3f, 0.0f};
    static final float[][] OUTPUT_KERNEL = {
        {1.0f, -0.5f, 0.25f},
        {-1.5f, 2.0f, 0.5f},
        {0.75f, 0.25f, -1.0f},
        {0.5f, -0.25f, 1.25f}};
    static final float[] OUTPUT_BIAS = {-0.1f, 0.2f, 0.05f};

    static {
        // Graphs are built with TensorFlow's API before any model loads: choose the native folder first.
        TensorFlowRuntime.nativeCache();
    }

    private TestGraphs() {
    }

    /** The network above as a GraphDef with input {@code features} and output {@code scores}. */
    static byte[] classifier(boolean declareInputShape) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = declareInputShape
                    ? tf.withName("features").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)))
                    : tf.withName("features").placeholder(TFloat32.class);
            Operand<TFloat32> hidden = tf.nn.relu(tf.nn.biasAdd(
                    tf.linalg.matMul(x, tf.constant(HIDDEN_KERNEL)), tf.constant(HIDDEN_BIAS)));
            tf.withName("scores").math.sigmoid(tf.nn.biasAdd(
                    tf.linalg.matMul(hidden, tf.constant(OUTPUT_KERNEL)), tf.constant(OUTPUT_BIAS)));
            return graph.toGraphDef().toByteArray();
        }
    }

    /** y = 2 a - 3 b + 0.5 as a [n, 1] output {@code y}, input {@code x} of shape [n, 2]. */
    static byte[] regression() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            tf.withName("y").math.add(tf.linalg.matMul(x, tf.constant(new float[][] {{2f}, {-3f}})),
                    tf.constant(0.5f));
            return graph.toGraphDef().toByteArray();
        }
    }

    /** A graph whose input is float64, which the models do not take. */
    static byte[] doubleInput() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat64> x = tf.withName("x").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, 2)));
            tf.withName("y").math.sigmoid(x);
            return graph.toGraphDef().toByteArray();
        }
    }

    static DenseNetwork classifierInJava() {
        return new DenseNetwork(java.util.List.of(
                new DenseNetwork.Layer(HIDDEN_KERNEL, HIDDEN_BIAS),
                new DenseNetwork.Layer(OUTPUT_KERNEL, OUTPUT_BIAS)));
    }

    static GraphSettings classifierSettings() {
        return GraphSettings.defaults().withInput("features").withOutput("scores");
    }
}
