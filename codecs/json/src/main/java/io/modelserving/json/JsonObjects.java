package io.modelserving.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelserving.codec.Decoded;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one JSON object from untrusted bytes, or says why the bytes are not one; writes maps as JSON. Both codecs
 * of this package parse through here, so they share the same limits and the same strictness.
 */
final class JsonObjects {

    private static final int MAX_REASON_LENGTH = 200;

    /** Thread-safe once configured; shared by every codec instance. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(JsonFeaturesCodec.MAX_DEPTH)
                            .maxNumberLength(JsonFeaturesCodec.MAX_NUMBER_LENGTH)
                            .build())
                    // A repeated key would otherwise silently keep its last value.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private JsonObjects() {
    }

    /** The JSON object the bytes hold, or why they hold none. */
    static Decoded<ObjectNode> parseObject(byte[] bytes) {
        if (bytes == null) {
            return Decoded.failure("no bytes (null value)");
        }
        if (bytes.length == 0) {
            return Decoded.failure("no bytes (empty value)");
        }
        // Checked before parsing, so an oversized record costs nothing.
        if (bytes.length > JsonFeaturesCodec.MAX_BYTES) {
            return Decoded.failure("JSON of " + bytes.length + " bytes is over the limit of "
                    + JsonFeaturesCodec.MAX_BYTES + " bytes");
        }
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null || root.isMissingNode()) {
                return Decoded.failure("no JSON value (only white space)");
            }
            if (!root.isObject()) {
                return Decoded.failure("the JSON value is " + describe(root) + ", not an object");
            }
            String trailing = trailing(parser);
            return trailing == null ? Decoded.value((ObjectNode) root) : Decoded.failure(trailing);
        } catch (StreamConstraintsException e) {
            return Decoded.failure("JSON over a limit: " + shorten(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            return Decoded.failure("invalid JSON: " + shorten(e.getOriginalMessage()) + at(e.getLocation()));
        } catch (IOException e) {
            return Decoded.failure("invalid JSON: " + shorten(e.getMessage()));
        }
    }

    /** The map as a JSON object, in UTF-8. */
    static byte[] write(Map<String, Object> fields) {
        try {
            return MAPPER.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + fields.keySet() + " as JSON", e);
        }
    }

    /** A JSON value as a failure reason shows it: its kind, and its value when short. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "\"" + shorten(node.textValue(), 40) + "\" (a string)";
            case NUMBER -> node.numberValue() + " (a number)";
            case BOOLEAN -> node.booleanValue() + " (a boolean)";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String trailing(JsonParser parser) throws IOException {
        JsonLocation end = parser.currentLocation();
        try {
            if (parser.nextToken() == null) {
                return null;
            }
        } catch (JsonProcessingException e) {
            // Garbage that is not even a token is still garbage after the object: say that, not the parser's view.
        }
        return "trailing content after the JSON object" + at(end);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String shorten(String message) {
        return shorten(message == null ? "no reason given" : message, MAX_REASON_LENGTH);
    }

    private static String shorten(String text, int length) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > length ? oneLine.substring(0, length) + "…" : oneLine;
    }
}
