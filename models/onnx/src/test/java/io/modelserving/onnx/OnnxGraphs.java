package io.modelserving.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Builds small ONNX models as ModelProtos, so tests need no model files. A dimension of -1 is open ("N"). */
final class OnnxGraphs {

    static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    static final int DOUBLE = TensorProto.DataType.DOUBLE_VALUE;
    static final int INT64 = TensorProto.DataType.INT64_VALUE;
    static final int STRING = TensorProto.DataType.STRING_VALUE;
    static final int BOOL = TensorProto.DataType.BOOL_VALUE;

    private OnnxGraphs() {
    }

    static ValueInfoProto tensor(String name, int elementType, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(dim < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape))).build();
    }

    /** A sequence of maps, as ZipMap writes class probabilities. */
    static ValueInfoProto sequenceOfMaps(String name, int keyType, int valueType) {
        TypeProto value = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(valueType)).build();
        TypeProto map = TypeProto.newBuilder().setMapType(TypeProto.Map.newBuilder().setKeyType(keyType).setValueType(value)).build();
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setSequenceType(TypeProto.Sequence.newBuilder().setElemType(map))).build();
    }

    static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
        Arrays.stream(dims).forEach(tensor::addDims);
        for (float value : values) {
            tensor.addFloatData(value);
        }
        return tensor.build();
    }

    static TensorProto doubles(String name, double[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(DOUBLE);
        Arrays.stream(dims).forEach(tensor::addDims);
        for (double value : values) {
            tensor.addDoubleData(value);
        }
        return tensor.build();
    }

    static NodeProto node(String op, String domain, List<String> inputs, List<String> outputs,
                          AttributeProto... attributes) {
        return NodeProto.newBuilder().setOpType(op).setDomain(domain).setName(op + "_" + outputs.get(0))
                .addAllInput(inputs).addAllOutput(outputs).addAllAttribute(List.of(attributes)).build();
    }

    static AttributeProto floatsAttr(String name, float... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
        for (float value : values) {
            a.addFloats(value);
        }
        return a.build();
    }

    static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            a.addInts(value);
        }
        return a.build();
    }

    static AttributeProto stringsAttr(String name, String... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        for (String value : values) {
            a.addStrings(ByteString.copyFrom(value, StandardCharsets.UTF_8));
        }
        return a.build();
    }

    static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A model of one graph, importing the standard (opset 17) and ai.onnx.ml (opset 3) domains. */
    static byte[] model(List<ValueInfoProto> inputs, List<ValueInfoProto> outputs, List<TensorProto> initializers,
                        NodeProto... nodes) {
        GraphProto graph = GraphProto.newBuilder().setName("test").addAllInput(inputs).addAllOutput(outputs)
                .addAllInitializer(initializers).addAllNode(List.of(nodes)).build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("modelserving-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3))
                .setGraph(graph).build().toByteArray();
    }

    /** y = x . weights + bias over float inputs [N, k], output [N, 1]. */
    static byte[] linear(float[] weights, float bias) {
        int k = weights.length;
        return model(List.of(tensor("x", FLOAT, -1, k)), List.of(tensor("y", FLOAT, -1, 1)),
                List.of(floats("w", weights, k, 1), floats("b", new float[] {bias}, 1)),
                node("MatMul", "", List.of("x", "w"), List.of("xw")),
                node("Add", "", List.of("xw", "b"), List.of("y")));
    }

    /** The same linear model over double inputs. */
    static byte[] linearDouble(double[] weights, double bias) {
        int k = weights.length;
        return model(List.of(tensor("x", DOUBLE, -1, k)), List.of(tensor("y", DOUBLE, -1, 1)),
                List.of(doubles("w", weights, k, 1), doubles("b", new double[] {bias}, 1)),
                node("MatMul", "", List.of("x", "w"), List.of("xw")),
                node("Add", "", List.of("xw", "b"), List.of("y")));
    }

    /**
     * A car's price from one input per feature, as scikit-learn-onnx converts a ColumnTransformer: {@code fuel}
     * string [N, 1] becomes a number by an ai.onnx.ml LabelEncoder ({@code fuels[i]} to {@code fuelCodes[i]},
     * anything else to {@code unknownFuelCode}), is concatenated with {@code engine_cc} float [N, 1], and
     * {@code price} [N, 1] = [fuel code, engine_cc] . weights + bias.
     */
    static byte[] carPrice(String[] fuels, float[] fuelCodes, float unknownFuelCode, float[] weights, float bias) {
        return model(List.of(tensor("fuel", STRING, -1, 1), tensor("engine_cc", FLOAT, -1, 1)),
                List.of(tensor("price", FLOAT, -1, 1)),
                List.of(floats("w", weights, 2, 1), floats("b", new float[] {bias}, 1)),
                node("LabelEncoder", "ai.onnx.ml", List.of("fuel"), List.of("fuel_code"),
                        stringsAttr("keys_strings", fuels), floatsAttr("values_floats", fuelCodes),
                        floatAttr("default_float", unknownFuelCode)),
                node("Concat", "", List.of("fuel_code", "engine_cc"), List.of("x"), intAttr("axis", 1)),
                node("MatMul", "", List.of("x", "w"), List.of("xw")),
                node("Add", "", List.of("xw", "b"), List.of("price")));
    }
}
