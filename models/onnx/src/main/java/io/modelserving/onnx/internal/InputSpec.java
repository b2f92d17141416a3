package io.modelserving.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.modelserving.Features;
import io.modelserving.onnx.OnnxModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A model's only input, a numeric tensor {@code [rows, features]} or {@code [rows, d1, ..., dk]} with every
 * {@code d} fixed (an image flattened row by row, say), read from the model itself, and how records become that
 * tensor: a record's values, in order, fill one row.
 *
 * @param name         the input's name in the graph
 * @param type         its element type: float, double, int64 or int32
 * @param featureCount the features per row (the product of the row dimensions), or -1 when the model leaves
 *                     it open
 * @param batchable    whether the row dimension is open (false when the model fixes it at 1)
 * @param rowShape     the dimensions after the row dimension, -1 for an open width
 */
public record InputSpec(String name, OnnxJavaType type, int featureCount, boolean batchable, List<Long> rowShape) {

    private static final List<OnnxJavaType> NUMERIC =
            List.of(OnnxJavaType.FLOAT, OnnxJavaType.DOUBLE, OnnxJavaType.INT64, OnnxJavaType.INT32);

    public InputSpec {
        rowShape = List.copyOf(rowShape);
    }

    /** Reads a model's only input; throws when it is not a numeric tensor of a shape described above. */
    public static InputSpec of(NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            throw new OnnxModelException("The ONNX model's input '" + node.getName() + "' is " + node.getInfo()
                    + ", not a tensor");
        }
        if (!NUMERIC.contains(tensor.type)) {
            throw new OnnxModelException("The ONNX model's input '" + node.getName() + "' has element type "
                    + tensor.type + "; supported: " + NUMERIC);
        }
        long[] shape = tensor.getShape();
        if (shape.length < 2) {
            throw new OnnxModelException("The ONNX model's input '" + node.getName() + "' has shape "
                    + Arrays.toString(shape) + "; expected [rows, features] or [rows, d1, ..., dk]");
        }
        if (shape[0] > 1) {
            throw new OnnxModelException("The ONNX model's input '" + node.getName() + "' fixes the batch size at "
                    + shape[0] + "; expected an open row dimension or 1");
        }
        List<Long> rowShape = Arrays.stream(shape, 1, shape.length).boxed().toList();
        return new InputSpec(node.getName(), tensor.type, featureCount(node.getName(), rowShape), shape[0] < 0,
                rowShape);
    }

    // A record is one flat list of values, so only a rank-2 input may leave its width open: with more
    // dimensions there would be no telling how the values split between them.
    private static int featureCount(String name, List<Long> rowShape) {
        if (rowShape.size() == 1 && rowShape.get(0) < 0) {
            return -1;
        }
        long count = 1;
        for (long dimension : rowShape) {
            if (dimension <= 0) {
                throw new OnnxModelException("The ONNX model's input '" + name + "' has row dimensions " + rowShape
                        + "; each must be fixed and positive" + (rowShape.size() == 1 ? "" : " when there are several"));
            }
            count *= dimension;
            if (count > Integer.MAX_VALUE) {
                throw new OnnxModelException("The ONNX model's input '" + name + "' has row dimensions " + rowShape
                        + ", more than " + Integer.MAX_VALUE + " features per row");
            }
        }
        return (int) count;
    }

    /** Builds the tensor for {@code records}; throws naming the record that does not fit. */
    public OnnxTensor tensor(OrtEnvironment env, List<Features> records, FeatureSelector selector)
            throws OrtException {
        int rows = records.size();
        double[][] vectors = new double[rows][];
        int width = featureCount;
        for (int r = 0; r < rows; r++) {
            List<String> categorical = selector.categoricalNeeded(records.get(r));
            if (!categorical.isEmpty()) {
                throw new OnnxModelException(describe(rows, r) + "has categorical features " + categorical
                        + ", which this ONNX model cannot take: its graph takes no string inputs, only " + shown()
                        + ". A graph with string inputs, one input per feature named like it, receives categorical"
                        + " features; otherwise encode them as numbers in your codec, or serve the model as PMML");
            }
            double[] values = selector.values(records.get(r));
            if (width < 0) {
                width = values.length;
            }
            if (values.length != width) {
                throw new OnnxModelException(describe(rows, r) + "has " + values.length + " features; the model's input '"
                        + name + "' takes " + width + (featureCount < 0 ? " (as the batch's first record)" : ""));
            }
            vectors[r] = values;
        }
        long[] shape = new long[1 + rowShape.size()];
        shape[0] = rows;
        for (int d = 0; d < rowShape.size(); d++) {
            shape[d + 1] = rowShape.get(d) < 0 ? width : rowShape.get(d);
        }
        // Written straight into a direct buffer, which the runtime reads in place instead of copying.
        ByteBuffer bytes = ByteBuffer.allocateDirect(rows * width * type.size).order(ByteOrder.nativeOrder());
        switch (type) {
            case FLOAT -> {
                FloatBuffer out = bytes.asFloatBuffer();
                for (double[] vector : vectors) {
                    for (int c = 0; c < width; c++) {
                        out.put((float) vector[c]);
                    }
                }
                return OnnxTensor.createTensor(env, out.rewind(), shape);
            }
            case DOUBLE -> {
                DoubleBuffer out = bytes.asDoubleBuffer();
                for (double[] vector : vectors) {
                    out.put(vector, 0, width);
                }
                return OnnxTensor.createTensor(env, out.rewind(), shape);
            }
            case INT64 -> {
                LongBuffer out = bytes.asLongBuffer();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        out.put((long) integral(vectors[r][c], r, c, rows, Long.MIN_VALUE, Long.MAX_VALUE));
                    }
                }
                return OnnxTensor.createTensor(env, out.rewind(), shape);
            }
            case INT32 -> {
                IntBuffer out = bytes.asIntBuffer();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        out.put((int) integral(vectors[r][c], r, c, rows, Integer.MIN_VALUE, Integer.MAX_VALUE));
                    }
                }
                return OnnxTensor.createTensor(env, out.rewind(), shape);
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        }
    }

    /** As a user would write it: {@code input 'x': float [?, 11]}, with ? for an open dimension. */
    String shown() {
        StringBuilder shape = new StringBuilder(batchable ? "?" : "1");
        for (long dimension : rowShape) {
            shape.append(", ").append(dimension < 0 ? "?" : Long.toString(dimension));
        }
        return "input '" + name + "': " + type.name().toLowerCase(Locale.ROOT) + " [" + shape + "]";
    }

    // An integer input cannot take 2.5 or NaN: truncating would score a different record than the one sent.
    private double integral(double value, int row, int column, int rows, double min, double max) {
        if (value != Math.rint(value) || value < min || value > max) {
            throw new OnnxModelException(describe(rows, row) + "has feature " + column + " = " + value
                    + ", but the model's input '" + name + "' takes " + type + " integers");
        }
        return value;
    }

    private static String describe(int rows, int row) {
        return rows == 1 ? "The record " : "Record " + row + " of the batch ";
    }
}
