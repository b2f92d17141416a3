package io.modelserving.examples.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.codec.FeatureFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a feature map, a JSON file that says how the fields of JSON or Avro records become features: a
 * {@link FeatureFields} for the command line.
 *
 * <pre>{@code
 * {"dataTypeField": "type",
 *  "features": [{"field": "engine_cc", "name": "engine size", "kind": "number"},
 *               {"field": "fuel", "kind": "category"}]}
 * }</pre>
 *
 * <p>Exactly one of {@code dataTypeField} (the string field that names each record's data type) and
 * {@code dataType} (one data type for every record). {@code features} is optional: without it every other field is
 * a feature. Each feature has a {@code field}, a {@code kind} ({@code number} or {@code category}) and optionally a
 * {@code name} (by default the field's). Anything else is refused, naming the file and what is wrong.
 */
public final class FeatureMap {

    /** The field that names the data type when there is no feature map. */
    public static final String DEFAULT_DATA_TYPE_FIELD = "dataType";

    private static final Set<String> KEYS = Set.of("dataTypeField", "dataType", "features");
    private static final Set<String> FEATURE_KEYS = Set.of("field", "name", "kind");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FeatureMap() {
    }

    /**
     * Without a feature map: the data type from the field {@value #DEFAULT_DATA_TYPE_FIELD}, every other field a
     * feature.
     */
    public static FeatureFields defaults() {
        return FeatureFields.builder().dataTypeField(DEFAULT_DATA_TYPE_FIELD).build();
    }

    /**
     * The feature map in {@code file}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static FeatureFields read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The feature map in {@code json}; {@code source} names it in errors. */
    static FeatureFields parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": not a JSON object");
        }
        requireKnownKeys(root, KEYS, source, "");
        FeatureFields.Builder fields = FeatureFields.builder();
        boolean byField = root.has("dataTypeField");
        if (byField == root.has("dataType")) {
            throw new IllegalArgumentException(source + (byField ? ": give dataTypeField or dataType, not both"
                    : ": give dataTypeField (the field that names the data type) or dataType (one for every record)"));
        }
        if (byField) {
            fields.dataTypeField(text(root, "dataTypeField", source, ""));
        } else {
            fields.dataType(text(root, "dataType", source, ""));
        }
        if (root.has("features")) {
            readFeatures(root.get("features"), fields, source);
        }
        return fields.build();
    }

    private static void readFeatures(JsonNode features, FeatureFields.Builder fields, String source) {
        if (!features.isArray() || features.isEmpty()) {
            throw new IllegalArgumentException(source + ": features must be a non-empty array; leave it out to make"
                    + " every field a feature");
        }
        for (int i = 0; i < features.size(); i++) {
            String where = "features[" + i + "]: ";
            JsonNode feature = features.get(i);
            if (!feature.isObject()) {
                throw new IllegalArgumentException(source + ": " + where + "not an object");
            }
            requireKnownKeys(feature, FEATURE_KEYS, source, where);
            String field = text(feature, "field", source, where);
            String name = feature.has("name") ? text(feature, "name", source, where) : field;
            if (!feature.has("kind")) {
                throw new IllegalArgumentException(source + ": " + where + "missing kind (number or category)");
            }
            String kind = text(feature, "kind", source, where);
            try {
                switch (kind) {
                    case "number" -> fields.number(field, name);
                    case "category" -> fields.category(field, name);
                    default -> throw new IllegalArgumentException("kind '" + kind + "' is neither number nor category");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + where + e.getMessage());
            }
        }
    }

    private static void requireKnownKeys(JsonNode object, Set<String> known, String source, String where) {
        for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!known.contains(key)) {
                throw new IllegalArgumentException(source + ": " + where + "unknown key '" + key + "' (use "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** The key's value, a non-empty string. */
    private static String text(JsonNode object, String key, String source, String where) {
        JsonNode value = object.get(key);
        if (value == null) {
            throw new IllegalArgumentException(source + ": " + where + "missing " + key);
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(source + ": " + where + key + " must be a non-empty string, was "
                    + value);
        }
        return value.asText();
    }
}
