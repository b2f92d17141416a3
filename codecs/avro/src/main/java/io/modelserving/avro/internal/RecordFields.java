package io.modelserving.avro.internal;

import io.modelserving.codec.FeatureFields;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;

/**
 * A decoded Avro record as {@link FeatureFields.Fields}, in its schema's field order. Numbers stay numbers; strings
 * and enum symbols become {@link String}s; booleans and nulls (a null branch of a union included) stay as they
 * are; records, arrays, maps, bytes and fixed values are passed on as Avro gives them, as nested values.
 */
public final class RecordFields implements FeatureFields.Fields {

    private final GenericRecord record;
    private final List<String> names;

    /**
     * @param record a record of the schema whose field names are {@code names}
     * @param names  the record schema's field names, in order; see {@link #names(Schema)}
     */
    public RecordFields(GenericRecord record, List<String> names) {
        this.record = record;
        this.names = names;
    }

    /** The field names of a record schema, in order. */
    public static List<String> names(Schema recordSchema) {
        return recordSchema.getFields().stream().map(Schema.Field::name).toList();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public boolean has(String name) {
        return record.getSchema().getField(name) != null;
    }

    @Override
    public Object get(String name) {
        if (!has(name)) {
            return null;
        }
        Object value = record.get(name);
        // Avro reads strings as Utf8 and enums as symbols; a feature is plain text either way
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return value.toString();
        }
        return value;
    }
}
