package io.modelserving.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelserving.codec.FeatureFields;
import java.util.ArrayList;
import java.util.List;

/** A JSON object as the fields {@link FeatureFields} reads: JSON values become the Java values it expects. */
final class NodeFields implements FeatureFields.Fields {

    private final ObjectNode object;

    NodeFields(ObjectNode object) {
        this.object = object;
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>(object.size());
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Override
    public boolean has(String name) {
        return object.has(name);
    }

    @Override
    public Object get(String name) {
        return value(object.get(name));
    }

    /**
     * A whole number as a {@link Long} (a {@link java.math.BigInteger} beyond its range), so that a code or an id
     * can be a category; a decimal as a {@link Double}; a string, a boolean or null as itself; an object or an
     * array as the node, which {@link FeatureFields} reports as a nested value.
     */
    static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node;
    }
}
