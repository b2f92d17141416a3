package io.modelserving.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelserving.Features;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.FeatureFields;
import io.modelserving.codec.RecordCodec;
import java.util.Map;
import java.util.Objects;

/**
 * Reads JSON objects (UTF-8) as {@link Features} and writes features as JSON objects, field by field as a
 * {@link FeatureFields} says: which field names the data type, which fields are features and under what names.
 *
 * <pre>{@code
 * RecordCodec<Features> cars = JsonFeaturesCodec.of(FeatureFields.builder().dataTypeField("type").build());
 * Decoded<Features> car = cars.decode("{\"type\": \"car\", \"engine_cc\": 1600, \"fuel\": \"diesel\"}"
 *         .getBytes(StandardCharsets.UTF_8));
 * // car.get(): data type "car", numeric feature engine_cc = 1600.0, categorical feature fuel = "diesel"
 * }</pre>
 *
 * <p>Decoding never throws. Besides what {@link FeatureFields} reports (a missing, null or mistyped field), it
 * fails on: null or empty bytes, bytes that are not JSON, a JSON value that is not an object, anything but white
 * space after the object, a key given twice, the literals {@code NaN} and {@code Infinity} (not JSON), and input
 * over the limits that keep hostile records cheap: {@value #MAX_BYTES} bytes, nesting {@value #MAX_DEPTH} deep,
 * a number of {@value #MAX_NUMBER_LENGTH} characters. A feature too large for a double, such as {@code 1e999},
 * is a failure too. Instances are immutable and thread-safe.
 */
public final class JsonFeaturesCodec implements RecordCodec<Features> {

    /** The largest record decoded, in bytes (1 MiB). */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The deepest nesting of objects and arrays decoded. */
    public static final int MAX_DEPTH = 64;

    /** The longest number decoded, in characters: far more than a double's 17 significant digits need. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private final FeatureFields fields;

    private JsonFeaturesCodec(FeatureFields fields) {
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    /** A codec that reads and writes records as {@code fields} says. */
    public static JsonFeaturesCodec of(FeatureFields fields) {
        return new JsonFeaturesCodec(fields);
    }

    /** How records become features, and back. */
    public FeatureFields fields() {
        return fields;
    }

    @Override
    public Decoded<Features> decode(byte[] bytes) {
        Decoded<ObjectNode> object = JsonObjects.parseObject(bytes);
        return object.isValue() ? fields.read(new NodeFields(object.get())) : Decoded.failure(object.reason());
    }

    /**
     * The features as a JSON object with the fields {@link FeatureFields#write} gives, in its order.
     *
     * @throws IllegalArgumentException when a value is NaN or infinite, which JSON cannot carry, or when a declared
     *                                  feature is missing from {@code features}
     */
    @Override
    public byte[] encode(Features features) {
        Map<String, Object> record = fields.write(features);
        record.forEach((field, value) -> {
            if (value instanceof Double number && !Double.isFinite(number)) {
                throw new IllegalArgumentException("Cannot write field '" + field + "' as JSON: it is " + number);
            }
        });
        return JsonObjects.write(record);
    }
}
