package io.modelserving.benchmarks;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * ONNX models for the benchmarks, written as ModelProtos in code (no Python, no files).
 *
 * <pre>{@code
 * byte[] onnx = OnnxModels.linear(new float[] {0.5f, -1f, 2f}, 0.1f);   // y = 0.5 x0 - x1 + 2 x2 + 0.1
 * byte[] ffnn = OnnxModels.ffnn(1);                                       // 784-32-32-32-32-10, ReLU
 * byte[] large = OnnxModels.wide(11, OnnxModels.LARGE_MODEL_BYTES, 1);   // 11-1574-1574-1, about 10 MB
 * }</pre>
 */
public final class OnnxModels {

    /**
     * The layer widths of the Crayfish benchmark's feed-forward network ({@code model-ffnn.onnx}, a PyTorch export):
     * 784 inputs, four dense ReLU layers of 32, 10 logits.
     */
    public static final int[] FFNN_LAYERS = {784, 32, 32, 32, 32, 10};

    /** About 10 MB: the size of the large model that the swap benchmark moves and loads (see {@link #wide}). */
    public static final int LARGE_MODEL_BYTES = 10_000_000;

    private OnnxModels() {
    }

    /** y = x . weights + bias, input "x" float [N, k], output "y" float [N, 1]. */
    public static byte[] linear(float[] weights, float bias) {
        int k = weights.length;
        TensorProto.Builder w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(k).addDims(1);
        for (float weight : weights) {
            w.addFloatData(weight);
        }
        TensorProto b = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(1)
                .addFloatData(bias).build();
        GraphProto graph = GraphProto.newBuilder().setName("linear")
                .addInput(floatTensor("x", k)).addOutput(floatTensor("y", 1))
                .addInitializer(w).addInitializer(b)
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("w").addOutput("xw"))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("xw").addInput("b").addOutput("y"))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("modelserving-benchmarks")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build().toByteArray();
    }

    /**
     * A network of the Crayfish FFNN's shape ({@link #FFNN_LAYERS}), for when its file is not at hand: input "input"
     * float [N, 1, 784], flattened to [N, 784], then Gemm + ReLU layers as PyTorch exports them, output "output"
     * float [N, 10] logits. Weights and biases are uniform in &plusmn;1/&radic;fan-in (PyTorch's default
     * initialisation), the same ones for the same seed: untrained, but it costs what the trained one costs.
     */
    public static byte[] ffnn(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int inputs = FFNN_LAYERS[0];
        int last = FFNN_LAYERS.length - 1;
        GraphProto.Builder graph = GraphProto.newBuilder().setName("ffnn")
                .addInput(floatTensor("input", 1, inputs)).addOutput(floatTensor("output", FFNN_LAYERS[last]));
        String x = flatten(graph, "input", inputs);
        for (int layer = 1; layer < last; layer++) {
            x = hidden(graph, layer, x, FFNN_LAYERS[layer - 1], FFNN_LAYERS[layer], random);
        }
        gemm(graph, last, x, FFNN_LAYERS[last - 1], FFNN_LAYERS[last], "output", random);
        return model(graph);
    }

    /**
     * A wide network over {@code inputs} features in {@link #linear}'s shape (input "x" float [N, inputs], output
     * "y" float [N, 1]): two hidden ReLU layers as wide as make the model about {@code targetBytes} of ONNX
     * ({@link #hiddenWidth}). What a swap of a large model costs is moving and loading its bytes, so the weights
     * are random as {@link #ffnn}'s, a new set for each {@code seed}.
     */
    public static byte[] wide(int inputs, int targetBytes, long seed) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("wide")
                .addInput(floatTensor("x", inputs)).addOutput(floatTensor("y", 1));
        return model(wideLayers(graph, "x", inputs, 1, "y", targetBytes, seed));
    }

    /**
     * A wide network in {@link #ffnn}'s shape (input "input" float [N, 1, 784], output "output" float [N, 10]):
     * two hidden ReLU layers as wide as make the model about {@code targetBytes} of ONNX, random weights per
     * {@code seed} as in {@link #wide}.
     */
    public static byte[] wideFfnn(int targetBytes, long seed) {
        int inputs = FFNN_LAYERS[0];
        int outputs = FFNN_LAYERS[FFNN_LAYERS.length - 1];
        GraphProto.Builder graph = GraphProto.newBuilder().setName("wide-ffnn")
                .addInput(floatTensor("input", 1, inputs)).addOutput(floatTensor("output", outputs));
        String flat = flatten(graph, "input", inputs);
        return model(wideLayers(graph, flat, inputs, outputs, "output", targetBytes, seed));
    }

    /**
     * The width h of the hidden layers of {@code inputs} -&gt; h -&gt; h -&gt; {@code outputs} whose float weights
     * and biases take about {@code targetBytes}; at least 1. For {@link #LARGE_MODEL_BYTES}: h = 1,574 over the 11
     * wine features, h = 1,232 for the FFNN's 784 inputs and 10 outputs.
     */
    public static int hiddenWidth(int inputs, int outputs, int targetBytes) {
        // floats = h^2 + (inputs + outputs + 2) h + outputs: solve for h
        double b = inputs + outputs + 2;
        double c = outputs - targetBytes / (double) Float.BYTES;
        return Math.max(1, (int) Math.round((-b + Math.sqrt(b * b - 4 * c)) / 2));
    }

    /** Adds {@code inputs} -&gt; h -&gt; h -&gt; {@code outputs}, from {@code input} to {@code output}. */
    private static GraphProto.Builder wideLayers(GraphProto.Builder graph, String input, int inputs, int outputs,
                                                 String output, int targetBytes, long seed) {
        if (targetBytes < 1) {
            throw new IllegalArgumentException("targetBytes must be at least 1, was " + targetBytes);
        }
        int width = hiddenWidth(inputs, outputs, targetBytes);
        SplittableRandom random = new SplittableRandom(seed);
        String x = hidden(graph, 1, input, inputs, width, random);
        x = hidden(graph, 2, x, width, width, random);
        gemm(graph, 3, x, width, outputs, output, random);
        return graph;
    }

    /** Reshapes [N, 1, {@code width}] to [N, {@code width}] as PyTorch's flatten exports; returns the new name. */
    private static String flatten(GraphProto.Builder graph, String input, int width) {
        graph.addInitializer(TensorProto.newBuilder().setName("flat").setDataType(TensorProto.DataType.INT64_VALUE)
                        .addDims(2).addInt64Data(-1).addInt64Data(width))
                .addNode(NodeProto.newBuilder().setOpType("Reshape").addInput(input).addInput("flat")
                        .addOutput("x0"));
        return "x0";
    }

    /** Adds {@link #gemm} layer {@code layer} then ReLU; returns the name of its output. */
    private static String hidden(GraphProto.Builder graph, int layer, String input, int in, int out,
                                 SplittableRandom random) {
        String gemm = gemm(graph, layer, input, in, out, "g" + layer, random);
        graph.addNode(NodeProto.newBuilder().setOpType("Relu").addInput(gemm).addOutput("x" + layer));
        return "x" + layer;
    }

    /**
     * Adds a Gemm of {@code input} with weights [out, in] and bias [out] of layer {@code layer}, uniform in
     * &plusmn;1/&radic;in (PyTorch's default initialisation), into {@code output}. Weights are raw little-endian
     * bytes, as exporters store them: a 10 MB model builds in well under a second.
     */
    private static String gemm(GraphProto.Builder graph, int layer, String input, int in, int out, String output,
                               SplittableRandom random) {
        double bound = 1 / Math.sqrt(in);
        graph.addInitializer(randomFloats("w" + layer, random, bound, out, in))
                .addInitializer(randomFloats("b" + layer, random, bound, out))
                .addNode(NodeProto.newBuilder().setOpType("Gemm")
                        .addInput(input).addInput("w" + layer).addInput("b" + layer).addOutput(output)
                        .addAttribute(AttributeProto.newBuilder().setName("transB")
                                .setType(AttributeProto.AttributeType.INT).setI(1)));
        return output;
    }

    /** A float tensor of {@code dims}, uniform in &plusmn;{@code bound}, as raw little-endian bytes. */
    private static TensorProto randomFloats(String name, SplittableRandom random, double bound, int... dims) {
        int count = 1;
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (int dim : dims) {
            tensor.addDims(dim);
            count = Math.multiplyExact(count, dim);
        }
        ByteBuffer bytes = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            bytes.putFloat((float) ((2 * random.nextDouble() - 1) * bound));
        }
        return tensor.setRawData(UnsafeByteOperations.unsafeWrap(bytes.array())).build();
    }

    private static byte[] model(GraphProto.Builder graph) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("modelserving-benchmarks")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build().toByteArray();
    }

    /** A float tensor [N, dims...] with an open first dimension. */
    private static ValueInfoProto floatTensor(String name, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int dim : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
