package io.modelserving.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.modelserving.onnx.OnnxModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One input of a model that takes one input per feature: a column {@code [rows, 1]} or {@code [rows]} of numbers
 * or strings, filled from the feature of the same name.
 *
 * @param name      the input's name in the graph, which is also the feature's
 * @param type      its element type: string, float, double, int64 or int32
 * @param rankOne   whether the column is {@code [rows]} rather than {@code [rows, 1]}
 * @param batchable whether the row dimension is open (false when the model fixes it at 1)
 */
record FeatureInput(String name, OnnxJavaType type, boolean rankOne, boolean batchable) {

    private static final List<OnnxJavaType> TYPES = List.of(OnnxJavaType.STRING, OnnxJavaType.FLOAT,
            OnnxJavaType.DOUBLE, OnnxJavaType.INT64, OnnxJavaType.INT32);

    /** Reads one input of a loaded model; throws when it is not a column of a type above. */
    static FeatureInput of(NodeInfo node) {
        String name = node.getName();
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            throw new OnnxModelException("The ONNX model's input '" + name + "' is " + node.getInfo() + ", not a tensor");
        }
        if (!TYPES.contains(tensor.type)) {
            throw new OnnxModelException("The ONNX model's input '" + name + "' has element type " + tensor.type
                    + "; an input fed from one feature takes " + TYPES);
        }
        long[] shape = tensor.getShape();
        // A second dimension left open is fed 1, as scikit-learn-onnx models accept.
        boolean column = shape.length == 1 || shape.length == 2 && (shape[1] == 1 || shape[1] < 0);
        if (!column || shape[0] > 1) {
            throw new OnnxModelException("The ONNX model's input '" + name + "' has shape " + Arrays.toString(shape)
                    + "; a model with several inputs or a string input takes one feature per input,"
                    + " each of shape [rows, 1] or [rows]");
        }
        return new FeatureInput(name, tensor.type, shape.length == 1, shape[0] < 0);
    }

    boolean takesStrings() {
        return type == OnnxJavaType.STRING;
    }

    /** Whether a number fits this numeric input: an integer input takes no fraction, NaN or overflow. */
    boolean accepts(double value) {
        return switch (type) {
            case INT64 -> value == Math.rint(value) && value >= Long.MIN_VALUE && value <= Long.MAX_VALUE;
            case INT32 -> value == Math.rint(value) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            default -> true;
        };
    }

    OnnxTensor tensor(OrtEnvironment env, String[] column) throws OrtException {
        return OnnxTensor.createTensor(env, column, shape(column.length));
    }

    OnnxTensor tensor(OrtEnvironment env, double[] column) throws OrtException {
        // Written straight into a direct buffer, which the runtime reads in place instead of copying.
        ByteBuffer bytes = ByteBuffer.allocateDirect(column.length * type.size).order(ByteOrder.nativeOrder());
        long[] shape = shape(column.length);
        switch (type) {
            case FLOAT -> {
                FloatBuffer out = bytes.asFloatBuffer();
                for (double value : column) {
                    out.put((float) value);
                }
                return OnnxTensor.createTensor(env, out.rewind(), shape);
            }
            case DOUBLE -> {
                return OnnxTensor.createTensor(env, bytes.asDoubleBuffer().put(column).rewind(), shape);
            }
            case INT64 -> {
                LongBuffer out = bytes.asLongBuffer();
                for (double value : column) {
                    out.put((long) value);
                }
                return OnnxTensor.createTensor(env, out.rewind(), shape);
            }
            case INT32 -> {
                IntBuffer out = bytes.asIntBuffer();
                for (double value : column) {
                    out.put((int) value);
                }
                return OnnxTensor.createTensor(env, out.rewind(), shape);
            }
            default -> throw new IllegalStateException("not a numeric input: " + this);
        }
    }

    private long[] shape(int rows) {
        return rankOne ? new long[] {rows} : new long[] {rows, 1};
    }

    /** As a user would write it: {@code 'fuel': string [?, 1]}, with ? for an open dimension. */
    String shown() {
        String rows = batchable ? "?" : "1";
        return "'" + name + "': " + type.name().toLowerCase(Locale.ROOT) + " [" + rows + (rankOne ? "" : ", 1") + "]";
    }
}
