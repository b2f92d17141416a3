package io.modelserving.onnx.internal;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.modelserving.ModelSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's signature as ONNX Runtime reports its inputs and outputs: tensors by their ONNX element type
 * ({@code float}, {@code int64}, {@code string}, ...) and shape, an open dimension as -1. The maps and sequences
 * of maps that classifier converters write are typed {@code map(int64,float)} and {@code seq(map(int64,float))};
 * a sequence has shape {@code [-1]}, a map none.
 */
public final class OnnxSignature {

    private static final String ELEMENT_TYPE_PREFIX = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";

    private OnnxSignature() {
    }

    /** Every input and output, in the order the session lists them. */
    public static ModelSignature of(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        return new ModelSignature(fields(inputs), fields(outputs));
    }

    private static List<ModelSignature.Field> fields(Map<String, NodeInfo> nodes) {
        List<ModelSignature.Field> fields = new ArrayList<>(nodes.size());
        for (NodeInfo node : nodes.values()) {
            fields.add(new ModelSignature.Field(node.getName(), type(node.getInfo()), shape(node.getInfo())));
        }
        return fields;
    }

    private static String type(ValueInfo info) {
        if (info instanceof TensorInfo tensor) {
            return tensor.onnxType != null
                    ? tensor.onnxType.name().substring(ELEMENT_TYPE_PREFIX.length()).toLowerCase(Locale.ROOT)
                    : name(tensor.type);
        }
        if (info instanceof MapInfo map) {
            return map(map);
        }
        if (info instanceof SequenceInfo sequence) {
            return "seq(" + (sequence.isSequenceOfMaps() ? map(sequence.mapInfo) : name(sequence.sequenceType)) + ")";
        }
        return String.valueOf(info);
    }

    private static List<Long> shape(ValueInfo info) {
        if (info instanceof TensorInfo tensor) {
            return Arrays.stream(tensor.getShape()).map(d -> d < 0 ? -1 : d).boxed().toList();
        }
        return info instanceof SequenceInfo ? List.of(-1L) : List.of();
    }

    private static String map(MapInfo map) {
        return "map(" + name(map.keyType) + "," + name(map.valueType) + ")";
    }

    private static String name(OnnxJavaType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
