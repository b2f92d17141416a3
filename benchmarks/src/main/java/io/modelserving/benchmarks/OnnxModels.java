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
import java.util.SplittableRandom;

/**
 * ONNX models for the benchmarks, written as ModelProtos in code (no Python, no files).
 *
 * <pre>{@code
 * byte[] onnx = OnnxModels.linear(new float[] {0.5f, -1f, 2f}, 0.1f);   // y = 0.5 x0 - x1 + 2 x2 + 0.1
 * byte[] ffnn = OnnxModels.ffnn(1);                                       // 784-32-32-32-32-10, ReLU
 * }</pre>
 */
public final class OnnxModels {

    /**
     * The layer widths of the Crayfish benchmark's feed-forward network ({@code model-ffnn.onnx}, a PyTorch export):
     * 784 inputs, four dense ReLU layers of 32, 10 logits.
     */
    public static final int[] FFNN_LAYERS = {784, 32, 32, 32, 32, 10};

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
        GraphProto.Builder graph = GraphProto.newBuilder().setName("ffnn")
                .addInput(floatTensor("input", 1, inputs))
                .addOutput(floatTensor("output", FFNN_LAYERS[FFNN_LAYERS.length - 1]))
                .addInitializer(TensorProto.newBuilder().setName("flat").setDataType(TensorProto.DataType.INT64_VALUE)
                        .addDims(2).addInt64Data(-1).addInt64Data(inputs))
                .addNode(NodeProto.newBuilder().setOpType("Reshape").addInput("input").addInput("flat")
                        .addOutput("x0"));
        for (int layer = 1; layer < FFNN_LAYERS.length; layer++) {
            int in = FFNN_LAYERS[layer - 1];
            int out = FFNN_LAYERS[layer];
            double bound = 1 / Math.sqrt(in);
            TensorProto.Builder w = TensorProto.newBuilder().setName("w" + layer)
                    .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(out).addDims(in);
            for (int i = 0; i < out * in; i++) {
                w.addFloatData((float) ((2 * random.nextDouble() - 1) * bound));
            }
            TensorProto.Builder b = TensorProto.newBuilder().setName("b" + layer)
                    .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(out);
            for (int i = 0; i < out; i++) {
                b.addFloatData((float) ((2 * random.nextDouble() - 1) * bound));
            }
            boolean last = layer == FFNN_LAYERS.length - 1;
            String gemm = last ? "output" : "g" + layer;
            graph.addInitializer(w).addInitializer(b).addNode(NodeProto.newBuilder().setOpType("Gemm")
                    .addInput("x" + (layer - 1)).addInput("w" + layer).addInput("b" + layer).addOutput(gemm)
                    .addAttribute(AttributeProto.newBuilder().setName("transB")
                            .setType(AttributeProto.AttributeType.INT).setI(1)));
            if (!last) {
                graph.addNode(NodeProto.newBuilder().setOpType("Relu").addInput(gemm).addOutput("x" + layer));
            }
        }
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
