package io.modelserving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A record of features: the common input of the ready-made models (ONNX, PMML, TensorFlow). Numeric features
 * are values in order, with or without names; categorical features are strings by name, beside them.
 *
 * <p>Convert your own record type to {@code Features} once, in its codec, and every model format can score
 * it: vector models read the numeric values in order, name-based models (PMML) read every feature by name.
 *
 * <pre>{@code
 * Features wine = Features.of("wine", List.of("fixed acidity", "volatile acidity"), 7.4, 0.7);
 * double acidity = wine.get("fixed acidity");
 * Features car = Features.builder("car").number("engine size", 1.6).category("fuel", "diesel").build();
 * String fuel = car.category("fuel");
 * }</pre>
 *
 * @param dataType    the data type, which selects the model that scores this record
 * @param names       the numeric feature names in value order; empty when the values are positional
 * @param values      the numeric values; the array is not copied, treat it as read-only
 * @param categorical the categorical features, name to value, in the record's order; no name may also be numeric
 */
public record Features(String dataType, List<String> names, double[] values, Map<String, String> categorical) {

    public Features {
        Objects.requireNonNull(dataType, "dataType");
        names = List.copyOf(names);
        Objects.requireNonNull(values, "values");
        if (!names.isEmpty() && names.size() != values.length) {
            throw new IllegalArgumentException(
                    "Features has " + names.size() + " names but " + values.length + " values");
        }
        categorical = copyOf(categorical);
        if (!categorical.isEmpty() && names.isEmpty() && values.length > 0) {
            throw new IllegalArgumentException("Features with categorical values must name their numeric values too");
        }
        for (String name : categorical.keySet()) {
            if (names.contains(name)) {
                throw new IllegalArgumentException("Feature '" + name + "' is both numeric and categorical");
            }
        }
    }

    /** Numeric features only. */
    public Features(String dataType, List<String> names, double[] values) {
        this(dataType, names, values, Map.of());
    }

    public static Features of(String dataType, List<String> names, double... values) {
        return new Features(dataType, names, values);
    }

    /** Positional features, without names. */
    public static Features positional(String dataType, double... values) {
        return new Features(dataType, List.of(), values);
    }

    /** Builds named features one by one, numeric and categorical in any order. */
    public static Builder builder(String dataType) {
        return new Builder(dataType);
    }

    /** The number of numeric values. */
    public int size() {
        return values.length;
    }

    public double value(int index) {
        return values[index];
    }

    public boolean hasNames() {
        return !names.isEmpty();
    }

    public boolean hasCategorical() {
        return !categorical.isEmpty();
    }

    /**
     * The value of a named numeric feature.
     *
     * @throws IllegalArgumentException when there is no such name
     */
    public double get(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No numeric feature named '" + name + "' in " + names
                    + (categorical.containsKey(name) ? " ('" + name + "' is categorical)" : ""));
        }
        return values[index];
    }

    /**
     * The value of a categorical feature.
     *
     * @throws IllegalArgumentException when there is no such name
     */
    public String category(String name) {
        String value = categorical.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No categorical feature named '" + name + "' in "
                    + categorical.keySet() + (names.contains(name) ? " ('" + name + "' is numeric)" : ""));
        }
        return value;
    }

    /** The numeric features as a name to value map. */
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
                && Arrays.equals(values, f.values) && categorical.equals(f.categorical);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, names, Arrays.hashCode(values), categorical);
    }

    @Override
    public String toString() {
        return "Features[" + dataType + ", " + (names.isEmpty() ? "" : names + "=") + Arrays.toString(values)
                + (categorical.isEmpty() ? "" : ", " + categorical) + "]";
    }

    private static Map<String, String> copyOf(Map<String, String> categorical) {
        Objects.requireNonNull(categorical, "categorical");
        if (categorical.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>(categorical.size() * 2);
        categorical.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "categorical feature name"),
                Objects.requireNonNull(value, () -> "categorical feature '" + name + "' has no value")));
        return Collections.unmodifiableMap(copy);
    }

    /** Collects named features; a name may be given once, as a number or as a category. */
    public static final class Builder {

        private final String dataType;
        private final List<String> names = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();
        private final Map<String, String> categorical = new LinkedHashMap<>();
        private final Set<String> given = new HashSet<>();

        private Builder(String dataType) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
        }

        public Builder number(String name, double value) {
            requireNew(name);
            names.add(name);
            values.add(value);
            return this;
        }

        public Builder category(String name, String value) {
            requireNew(name);
            categorical.put(name, Objects.requireNonNull(value, () -> "categorical feature '" + name + "' has no value"));
            return this;
        }

        public Features build() {
            double[] array = new double[values.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = values.get(i);
            }
            return new Features(dataType, names, array, categorical);
        }

        private void requireNew(String name) {
            Objects.requireNonNull(name, "name");
            if (!given.add(name)) {
                throw new IllegalArgumentException("Feature '" + name + "' is given twice");
            }
        }
    }
}
