package io.modelserving.codec;

import io.modelserving.Features;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the fields of a structured record (a JSON object, an Avro record, a CSV row) become {@link Features}, and
 * back: the one rule every structured codec follows, so a record means the same whatever its format.
 *
 * <p>By default every field is a feature: a number is a numeric feature, a string or a boolean a categorical one.
 * Declare features to read only those, under names of your choice. The data type comes from a named field or is
 * fixed. A missing, null or mistyped field, or a number that is NaN or infinite, is a decoding failure that names
 * the field; nothing is guessed.
 *
 * <pre>{@code
 * FeatureFields all = FeatureFields.builder().dataTypeField("type").build();
 * FeatureFields declared = FeatureFields.builder().dataType("car")
 *         .number("engine_cc", "engine size").category("fuel")
 *         .build();
 * }</pre>
 */
public final class FeatureFields {

    /** The fields of one record, as a codec sees them. */
    public interface Fields {

        /** The field names, in the record's order. */
        List<String> names();

        /** Whether the record has the field, even with a null value. */
        boolean has(String name);

        /**
         * The value: a {@link Number}, a {@link CharSequence}, a {@link Boolean}, null, or anything else for a
         * nested value (object, array, map, bytes), which is no feature.
         */
        Object get(String name);
    }

    /** A declared feature: where it is read from, its name in {@link Features}, and whether it is categorical. */
    public record Feature(String field, String name, boolean categorical) {
        public Feature {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(name, "name");
        }
    }

    private final String dataTypeField;
    private final String fixedDataType;
    private final List<Feature> declared;

    private FeatureFields(Builder builder) {
        this.dataTypeField = builder.dataTypeField;
        this.fixedDataType = builder.fixedDataType;
        this.declared = List.copyOf(builder.declared);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The field that names the data type; empty when it is fixed. */
    public Optional<String> dataTypeField() {
        return Optional.ofNullable(dataTypeField);
    }

    /** The declared features; empty when every field is one. */
    public List<Feature> declared() {
        return declared;
    }

    /** The features of a record, or the reason it has none. */
    public Decoded<Features> read(Fields record) {
        String dataType = fixedDataType;
        if (dataTypeField != null) {
            if (!record.has(dataTypeField) || record.get(dataTypeField) == null) {
                return Decoded.failure("missing the data type field '" + dataTypeField + "'");
            }
            Object value = record.get(dataTypeField);
            if (!(value instanceof CharSequence text) || text.isEmpty()) {
                return Decoded.failure("the data type field '" + dataTypeField + "' is " + describe(value)
                        + ", not a non-empty string");
            }
            dataType = text.toString();
        }
        Features.Builder features = Features.builder(dataType);
        try {
            // The builder refuses a field the record lists twice (a CSV header may repeat a column).
            String failure = declared.isEmpty() ? readAll(record, features) : readDeclared(record, features);
            return failure != null ? Decoded.failure(failure) : Decoded.value(features.build());
        } catch (IllegalArgumentException e) {
            return Decoded.failure(e.getMessage());
        }
    }

    /**
     * The fields that carry these features, in order: the data type field (when there is one), then each feature
     * as a {@link Double} or a {@link String}, under its field name ({@code f0}, {@code f1}, … for positional
     * values).
     *
     * @throws IllegalArgumentException when a declared feature is missing, or two values would share one field
     */
    public Map<String, Object> write(Features features) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (dataTypeField != null) {
            fields.put(dataTypeField, features.dataType());
        }
        if (declared.isEmpty()) {
            for (int i = 0; i < features.size(); i++) {
                put(fields, features.names().isEmpty() ? "f" + i : features.names().get(i), features.value(i));
            }
            features.categorical().forEach((name, value) -> put(fields, name, value));
        } else {
            for (Feature feature : declared) {
                put(fields, feature.field(), feature.categorical()
                        ? features.category(feature.name()) : (Object) features.get(feature.name()));
            }
        }
        return fields;
    }

    /** A field is written once: a feature never overwrites the data type, nor another feature. */
    private static void put(Map<String, Object> fields, String field, Object value) {
        if (fields.putIfAbsent(field, value) != null) {
            throw new IllegalArgumentException("Field '" + field + "' would be written twice: a feature is named like"
                    + " the data type field, or two declared features share the field");
        }
    }

    private String readAll(Fields record, Features.Builder features) {
        for (String field : record.names()) {
            if (field.equals(dataTypeField)) {
                continue;
            }
            Object value = record.get(field);
            if (value instanceof Number number) {
                String failure = number(field, number, features, field);
                if (failure != null) {
                    return failure;
                }
            } else if (value instanceof CharSequence || value instanceof Boolean) {
                features.category(field, value.toString());
            } else {
                return "field '" + field + "' is " + describe(value) + ", neither a number nor a string"
                        + (value == null ? "" : "; declare the features to read only some fields");
            }
        }
        return null;
    }

    private String readDeclared(Fields record, Features.Builder features) {
        for (Feature feature : declared) {
            String field = feature.field();
            if (!record.has(field)) {
                return "missing field '" + field + "'";
            }
            Object value = record.get(field);
            if (feature.categorical()) {
                String text = category(value);
                if (text == null) {
                    return "field '" + field + "' is " + describe(value) + ", not a category (a string)";
                }
                features.category(feature.name(), text);
            } else if (value instanceof Number number) {
                String failure = number(field, number, features, feature.name());
                if (failure != null) {
                    return failure;
                }
            } else {
                return "field '" + field + "' is " + describe(value) + ", not a number";
            }
        }
        return null;
    }

    private static String number(String field, Number number, Features.Builder features, String name) {
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            return "field '" + field + "' is " + value;
        }
        features.number(name, value);
        return null;
    }

    /** A category's text: strings and booleans as they are, whole numbers (codes, ids) in decimal. */
    private static String category(Object value) {
        if (value instanceof CharSequence || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
            return decimal.toBigInteger().toString();
        }
        return null;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            String shown = text.length() > 40 ? text.subSequence(0, 40) + "…" : text.toString();
            return "\"" + shown + "\" (a string)";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value + " (a " + (value instanceof Boolean ? "boolean" : "number") + ")";
        }
        return "a nested value (" + value.getClass().getSimpleName() + ")";
    }

    /** Chooses where the data type comes from and, optionally, which fields are features. */
    public static final class Builder {

        private String dataTypeField;
        private String fixedDataType;
        private final List<Feature> declared = new ArrayList<>();

        private Builder() {
        }

        /** The data type is the value of this string field of every record. */
        public Builder dataTypeField(String field) {
            this.dataTypeField = Objects.requireNonNull(field, "field");
            this.fixedDataType = null;
            return this;
        }

        /** Every record has this data type. */
        public Builder dataType(String dataType) {
            this.fixedDataType = Objects.requireNonNull(dataType, "dataType");
            this.dataTypeField = null;
            return this;
        }

        /** Reads a numeric feature from the field of the same name. */
        public Builder number(String field) {
            return number(field, field);
        }

        /** Reads the numeric feature {@code name} from {@code field}. */
        public Builder number(String field, String name) {
            return declare(new Feature(field, name, false));
        }

        /** Reads a categorical feature from the field of the same name. */
        public Builder category(String field) {
            return category(field, field);
        }

        /** Reads the categorical feature {@code name} from {@code field}. */
        public Builder category(String field, String name) {
            return declare(new Feature(field, name, true));
        }

        /** Reads these features; see {@link #number} and {@link #category}. */
        public Builder features(List<Feature> features) {
            features.forEach(this::declare);
            return this;
        }

        /**
         * @throws IllegalStateException when neither a data type field nor a fixed data type is set
         */
        public FeatureFields build() {
            if (dataTypeField == null && fixedDataType == null) {
                throw new IllegalStateException("Set a data type field or a fixed data type");
            }
            return new FeatureFields(this);
        }

        private Builder declare(Feature feature) {
            for (Feature other : declared) {
                if (other.name().equals(feature.name())) {
                    throw new IllegalArgumentException("Feature '" + feature.name() + "' is declared twice");
                }
            }
            declared.add(feature);
            return this;
        }
    }
}
