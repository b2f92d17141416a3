package io.modelserving;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record of numeric features: the common input of the ready-made models (ONNX, PMML, TensorFlow).
 *
 * <p>Convert your own record type to {@code Features} once, in its codec, and every model format can score
 * it: vector models read the values in order, name-based models (PMML) read them by name.
 *
 * <pre>{@code
 * Features wine = Features.of("wine", List.of("fixed acidity", "volatile acidity"), 7.4, 0.7);
 * double acidity = wine.get("fixed acidity");
 * }</pre>
 *
 * @param dataType the data type, which selects the model that scores this record
 * @param names    the feature names in value order; empty when the values are positional
 * @param values   the values; the array is not copied, treat it as read-only
 */
public record Features(String dataType, List<String> names, double[] values) {

    public Features {
        Objects.requireNonNull(dataType, "dataType");
        names = List.copyOf(names);
        Objects.requireNonNull(values, "values");
        if (!names.isEmpty() && names.size() != values.length) {
            throw new IllegalArgumentException(
                    "Features has " + names.size() + " names but " + values.length + " values");
        }
    }

    public static Features of(String dataType, List<String> names, double... values) {
        return new Features(dataType, names, values);
    }

    /** Positional features, without names. */
    public static Features positional(String dataType, double... values) {
        return new Features(dataType, List.of(), values);
    }

    public int size() {
        return values.length;
    }

    public double value(int index) {
        return values[index];
    }

    public boolean hasNames() {
        return !names.isEmpty();
    }

    /**
     * The value of a named feature.
     *
     * @throws IllegalArgumentException when there is no such name
     */
    public double get(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No feature named '" + name + "' in " + names);
        }
        return values[index];
    }

    /** The features as a name to value map, in name order. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values[i]);
        }
        return map;
    }

    /** The values as floats, for runtimes that take float32 tensors. */
    public float[] toFloats() {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Features f && dataType.equals(f.dataType) && names.equals(f.names)
                && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, names, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Features[" + dataType + ", " + (names.isEmpty() ? "" : names + "=") + Arrays.toString(values) + "]";
    }
}
