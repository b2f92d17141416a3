package io.modelserving.onnx.internal;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import io.modelserving.onnx.OnnxModelException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/** Reads output tensors into plain Java arrays, checking that they hold one entry per row (times a width). */
final class Tensors {

    private Tensors() {
    }

    static OnnxTensor tensor(OnnxValue value, String name) {
        if (value instanceof OnnxTensor tensor) {
            return tensor;
        }
        throw new OnnxModelException("The ONNX model's output '" + name + "' is a " + value.getType() + ", not a tensor");
    }

    /** The number of columns of a [rows] or [rows, columns] tensor as it came out of a run. */
    static int width(OnnxTensor tensor) {
        long[] shape = tensor.getInfo().getShape();
        return shape.length < 2 ? 1 : (int) shape[1];
    }

    static double[] doubles(OnnxTensor tensor, String name, int expected) {
        OnnxJavaType type = tensor.getInfo().type;
        double[] out;
        switch (type) {
            case FLOAT -> {
                FloatBuffer buffer = tensor.getFloatBuffer();
                out = new double[buffer.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buffer.get(i);
                }
            }
            case DOUBLE -> {
                DoubleBuffer buffer = tensor.getDoubleBuffer();
                out = new double[buffer.remaining()];
                buffer.get(out);
            }
            case INT64 -> {
                LongBuffer buffer = tensor.getLongBuffer();
                out = new double[buffer.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buffer.get(i);
                }
            }
            case INT32 -> {
                IntBuffer buffer = tensor.getIntBuffer();
                out = new double[buffer.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buffer.get(i);
                }
            }
            default -> throw new OnnxModelException("The ONNX model's output '" + name + "' has element type " + type
                    + ", not a number");
        }
        checkSize(out.length, expected, name, tensor);
        return out;
    }

    static String[] strings(OnnxTensor tensor, String name, int expected) throws OrtException {
        Object value = tensor.getValue();
        String[] out;
        if (value instanceof String[] flat) {
            out = flat;
        } else if (value instanceof String[][] nested) {
            out = Arrays.stream(nested).flatMap(Arrays::stream).toArray(String[]::new);
        } else {
            throw new OnnxModelException("The ONNX model's output '" + name + "' is not a string tensor of rank 1 or 2");
        }
        checkSize(out.length, expected, name, tensor);
        return out;
    }

    private static void checkSize(int actual, int expected, String name, OnnxTensor tensor) {
        if (actual != expected) {
            throw new OnnxModelException("The ONNX model's output '" + name + "' has " + actual + " values (shape "
                    + Arrays.toString(tensor.getInfo().getShape()) + "), expected " + expected);
        }
    }
}
