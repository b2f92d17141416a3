package io.modelserving;

import java.util.List;
import java.util.Objects;

/**
 * What a model takes and gives, as far as its format says: named, typed inputs and outputs. Shown to operators
 * ({@code GET /models/{dataType}}) so that a producer can check its records against the served model.
 *
 * <pre>{@code
 * ModelSignature signature = new ModelSignature(
 *         List.of(new ModelSignature.Field("input", "float", List.of(-1L, 11L))),
 *         List.of(new ModelSignature.Field("quality", "float", List.of(-1L, 1L))));
 * }</pre>
 *
 * @param inputs  the inputs, in the order the format lists them
 * @param outputs the outputs, likewise
 */
public record ModelSignature(List<Field> inputs, List<Field> outputs) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * One input or output.
     *
     * @param name  its name in the model
     * @param type  the format's own type name, e.g. {@code float} (ONNX, TensorFlow) or {@code double} (PMML)
     * @param shape the dimensions, {@code -1} where any size goes; empty for a scalar field (PMML)
     */
    public record Field(String name, String type, List<Long> shape) {

        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            shape = List.copyOf(shape);
        }
    }
}
