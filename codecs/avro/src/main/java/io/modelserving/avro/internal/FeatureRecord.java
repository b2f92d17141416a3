package io.modelserving.avro.internal;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds an Avro record from the fields {@code FeatureFields.write} gives. */
public final class FeatureRecord {

    private FeatureRecord() {
    }

    /**
     * A record of {@code schema} with each of {@code fields} converted by {@link AvroValues}. A field of the schema
     * that is not among them gets its default; without one, a union with a null branch gets null.
     *
     * @throws IllegalArgumentException when the schema has no field of that name, cannot hold a value, or has a
     *                                  field without a value or a default
     */
    public static GenericRecord of(Schema schema, Map<String, Object> fields) {
        GenericData.Record record = new GenericData.Record(schema);
        fields.forEach((name, value) -> {
            Schema.Field field = schema.getField(name);
            if (field == null) {
                throw new IllegalArgumentException("the Avro schema " + schema.getFullName() + " has no field '" + name
                        + "'; its fields are " + RecordFields.names(schema));
            }
            record.put(field.pos(), AvroValues.toAvro(name, field.schema(), value));
        });
        for (Schema.Field field : schema.getFields()) {
            if (fields.containsKey(field.name())) {
                continue;
            }
            if (field.hasDefaultValue()) {
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else if (!field.schema().isNullable()) {
                throw new IllegalArgumentException("field '" + field.name() + "' of the Avro schema "
                        + schema.getFullName() + " is no feature and has no default value");
            }
        }
        return record;
    }
}
