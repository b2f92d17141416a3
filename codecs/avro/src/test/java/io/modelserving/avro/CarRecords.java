package io.modelserving.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Test schemas, records and their bytes, written with Avro's own writer. */
final class CarRecords {

    private static final String BODY = """
            {"type": "enum", "name": "Body", "symbols": ["SEDAN", "WAGON", "COUPE"]}""";

    /** Version 1: no doors. */
    static final Schema V1 = parse("""
            {"type": "record", "name": "Car", "namespace": "test.cars", "fields": [
              {"name": "type", "type": "string"},
              {"name": "cylinders", "type": "int"},
              {"name": "mileage", "type": "long"},
              {"name": "engine", "type": "float"},
              {"name": "price", "type": "double"},
              {"name": "fuel", "type": "string"},
              {"name": "body", "type": %s},
              {"name": "owner", "type": ["null", "string"], "default": null}
            ]}""".formatted(BODY));

    /** Version 2, the reader schema: doors added with a default. */
    static final Schema V2 = parse("""
            {"type": "record", "name": "Car", "namespace": "test.cars", "fields": [
              {"name": "type", "type": "string"},
              {"name": "cylinders", "type": "int"},
              {"name": "mileage", "type": "long"},
              {"name": "engine", "type": "float"},
              {"name": "price", "type": "double"},
              {"name": "fuel", "type": "string"},
              {"name": "body", "type": %s},
              {"name": "owner", "type": ["null", "string"], "default": null},
              {"name": "doors", "type": "int", "default": 4}
            ]}""".formatted(BODY));

    /** Version 3: a colour that version 2 does not know, between known fields. */
    static final Schema V3 = parse("""
            {"type": "record", "name": "Car", "namespace": "test.cars", "fields": [
              {"name": "type", "type": "string"},
              {"name": "cylinders", "type": "int"},
              {"name": "colour", "type": "string"},
              {"name": "mileage", "type": "long"},
              {"name": "engine", "type": "float"},
              {"name": "price", "type": "double"},
              {"name": "fuel", "type": "string"},
              {"name": "body", "type": %s},
              {"name": "owner", "type": ["null", "string"], "default": null},
              {"name": "doors", "type": "int", "default": 4}
            ]}""".formatted(BODY));

    /** Version 1 with cylinders as text, which no version reads as an int. */
    static final Schema TEXT_CYLINDERS = parse(V1.toString().replace(
            "{\"name\":\"cylinders\",\"type\":\"int\"}", "{\"name\":\"cylinders\",\"type\":\"string\"}"));

    /** Only the data type: the reader's fields without defaults are missing. */
    static final Schema TYPE_ONLY = parse("""
            {"type": "record", "name": "Car", "namespace": "test.cars", "fields": [
              {"name": "type", "type": "string"}
            ]}""");

    private CarRecords() {
    }

    static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /** A version 2 car with every field set. */
    static GenericRecord car() {
        GenericRecord car = new GenericData.Record(V2);
        car.put("type", "car");
        car.put("cylinders", 4);
        car.put("mileage", 123_456_789_012L);
        car.put("engine", 1.6f);
        car.put("price", 19_999.5);
        car.put("fuel", "diesel");
        car.put("body", new GenericData.EnumSymbol(V2.getField("body").schema(), "WAGON"));
        car.put("owner", "ann");
        car.put("doors", 5);
        return car;
    }

    /** A copy of {@code record}'s fields in a record of {@code schema}, which may lack some and add others. */
    static GenericRecord as(Schema schema, GenericRecord record) {
        GenericRecord copy = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            if (record.getSchema().getField(field.name()) != null) {
                Object value = record.get(field.name());
                copy.put(field.name(), value instanceof GenericData.EnumSymbol symbol
                        ? new GenericData.EnumSymbol(field.schema(), symbol.toString()) : value);
            }
        }
        return copy;
    }

    /** Plain Avro binary, as Avro writes it. */
    static byte[] avro(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The Confluent framing, by hand: the magic byte 0, the id in 4 bytes big-endian, the record. */
    static byte[] framed(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(schemaId).put(avro).array();
    }

    static byte[] concat(byte[] first, byte... second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }
}
