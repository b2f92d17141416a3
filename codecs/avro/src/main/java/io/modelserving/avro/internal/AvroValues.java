package io.modelserving.avro.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Converts a feature value, a {@link Double} or a {@link String}, to the value an Avro field of a given schema
 * holds. A union takes the first branch, in its order, that can hold the value.
 *
 * <ul>
 *   <li>a number goes to an int or a long when it is whole and in range, to a float when in range (rounded to the
 *       nearest float), to a double as it is;</li>
 *   <li>a string goes to a string, to an enum when it is one of the symbols, to a boolean when it is
 *       {@code "true"} or {@code "false"}, to an int or a long when it is a whole number in decimal (a category
 *       code, as {@code FeatureFields} reads one).</li>
 * </ul>
 */
public final class AvroValues {

    private static final double TWO_TO_63 = 0x1p63;

    private AvroValues() {
    }

    /**
     * @throws IllegalArgumentException when the schema cannot hold the value, naming the field, the schema and why
     */
    public static Object toAvro(String field, Schema schema, Object value) {
        if (schema.getType() != Schema.Type.UNION) {
            Converted converted = convert(schema, value);
            if (converted.refusal != null) {
                throw new IllegalArgumentException("field '" + field + "' (Avro " + schema.getType().getName()
                        + ") cannot hold " + show(value) + ": " + converted.refusal);
            }
            return converted.value;
        }
        List<String> refusals = new ArrayList<>();
        for (Schema branch : schema.getTypes()) {
            Converted converted = convert(branch, value);
            if (converted.refusal == null) {
                return converted.value;
            }
            if (branch.getType() != Schema.Type.NULL) {
                refusals.add(branch.getType().getName() + ": " + converted.refusal);
            }
        }
        throw new IllegalArgumentException("field '" + field + "' (Avro union " + branchNames(schema)
                + ") cannot hold " + show(value) + " in any branch"
                + (refusals.isEmpty() ? "" : " (" + String.join("; ", refusals) + ")"));
    }

    private static Converted convert(Schema schema, Object value) {
        if (value instanceof Double number) {
            return number(schema, number);
        }
        if (value instanceof String text) {
            return text(schema, text);
        }
        return Converted.refused("a feature value is a Double or a String, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static Converted number(Schema schema, double number) {
        switch (schema.getType()) {
            case INT:
                if (number != Math.rint(number)) {
                    return Converted.refused("not a whole number");
                }
                return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE
                        ? Converted.to((int) number) : Converted.refused("out of the int range");
            case LONG:
                if (number != Math.rint(number)) {
                    return Converted.refused("not a whole number");
                }
                return number >= -TWO_TO_63 && number < TWO_TO_63
                        ? Converted.to((long) number) : Converted.refused("out of the long range");
            case FLOAT:
                // NaN and the infinities have float counterparts; a finite double beyond the floats has none
                return Double.isFinite(number) && Math.abs(number) > Float.MAX_VALUE
                        ? Converted.refused("out of the float range") : Converted.to((float) number);
            case DOUBLE:
                return Converted.to(number);
            default:
                return Converted.refused("a number for a " + schema.getType().getName());
        }
    }

    private static Converted text(Schema schema, String text) {
        switch (schema.getType()) {
            case STRING:
                return Converted.to(text);
            case ENUM:
                return schema.hasEnumSymbol(text) ? Converted.to(new GenericData.EnumSymbol(schema, text))
                        : Converted.refused("not one of the symbols " + schema.getEnumSymbols());
            case BOOLEAN:
                return text.equals("true") || text.equals("false") ? Converted.to(Boolean.valueOf(text))
                        : Converted.refused("neither \"true\" nor \"false\"");
            case INT:
            case LONG:
                return code(schema.getType(), text);
            default:
                return Converted.refused("a string for a " + schema.getType().getName());
        }
    }

    /** A category code written as an int or a long, as {@code FeatureFields} reads whole numbers as categories. */
    private static Converted code(Schema.Type type, String text) {
        long code;
        try {
            code = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Converted.refused("not a whole number in decimal");
        }
        if (type == Schema.Type.LONG) {
            return Converted.to(code);
        }
        return code == (int) code ? Converted.to((int) code) : Converted.refused("out of the int range");
    }

    private static List<String> branchNames(Schema union) {
        return union.getTypes().stream().map(branch -> branch.getType() == Schema.Type.ENUM
                || branch.getType() == Schema.Type.RECORD || branch.getType() == Schema.Type.FIXED
                ? branch.getFullName() : branch.getType().getName()).toList();
    }

    private static String show(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** A converted value, or why there is none. */
    private record Converted(Object value, String refusal) {

        static Converted to(Object value) {
            return new Converted(value, null);
        }

        static Converted refused(String refusal) {
            return new Converted(null, refusal);
        }
    }
}
