package io.modelserving.benchmarks;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * ONNX models for the benchmarks, written as ModelProtos in code (no Python, no files).
 *
 * <pre>{@code
 * byte[] onnx = OnnxModels.linear(new float[] {0.5f, -1f, 2f}, 0.1f);   // y = 0.5 x0 - x1 + 2 x2 + 0.1
 * }</pre>
 */
public final class OnnxModels {

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

    private static ValueInfoProto floatTensor(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
