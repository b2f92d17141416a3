package io.modelserving.tensorflow.internal;

import io.modelserving.ModelSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Signature fields of a TensorFlow model: TensorFlow's dtype without its {@code DT_} prefix ({@code float},
 * {@code int64}) and the shape the graph declares or infers, -1 for an unknown dimension.
 *
 * <p>When the rank is unknown (placeholders of frozen Keras graphs often declare no shape) the field gives
 * the rank-2 shape the model works with: {@code [-1, features]} for an input whose feature count the graph
 * reveals otherwise, else {@code [-1, -1]}.
 */
public final class TensorFlowSignature {

    private TensorFlowSignature() {
    }

    /** A field of a frozen graph's tensor. */
    public static ModelSignature.Field field(String name, DataType type, Shape shape, int featureCount) {
        List<Long> dimensions = shape.isUnknown() ? null : Arrays.stream(shape.asArray()).boxed().toList();
        return new ModelSignature.Field(name, typeName(type), orRank2(dimensions, featureCount));
    }

    /** A field of a SavedModel signature's tensor. */
    public static ModelSignature.Field field(String name, DataType type, TensorShapeProto shape, int featureCount) {
        List<Long> dimensions = null;
        if (!shape.getUnknownRank()) {
            dimensions = new ArrayList<>();
            for (TensorShapeProto.Dim dim : shape.getDimList()) {
                dimensions.add(dim.getSize());
            }
        }
        return new ModelSignature.Field(name, typeName(type), orRank2(dimensions, featureCount));
    }

    private static List<Long> orRank2(List<Long> dimensions, int featureCount) {
        if (dimensions != null) {
            return dimensions.stream().map(d -> d < 0 ? -1L : d).toList();
        }
        return List.of(-1L, featureCount > 0 ? (long) featureCount : -1L);
    }

    private static String typeName(DataType type) {
        String name = type.name();
        return (name.startsWith("DT_") ? name.substring(3) : name).toLowerCase(Locale.ROOT);
    }
}
