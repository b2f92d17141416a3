package io.modelserving.avro;

import io.modelserving.Features;
import io.modelserving.avro.internal.ConfluentHeader;
import io.modelserving.avro.internal.FeatureRecord;
import io.modelserving.avro.internal.RecordFields;
import io.modelserving.avro.internal.RecordReader;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.FeatureFields;
import io.modelserving.codec.RecordCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Reads and writes {@link Features} as Avro records (generic, no generated classes) of one reader schema; which
 * fields are features is {@link FeatureFields}' rule, as for every structured format.
 *
 * <pre>{@code
 * Schema car = new Schema.Parser().parse(carSchemaJson);
 * FeatureFields fields = FeatureFields.builder().dataTypeField("type").build();
 * AvroFeaturesCodec codec = AvroFeaturesCodec.builder(car, fields)
 *         .writerSchema(17, carV1)      // what older producers wrote, read as car
 *         .encodeWithSchemaId(18)      // car's own id in the schema registry
 *         .build();
 * Decoded<Features> features = codec.decode(value);
 * }</pre>
 *
 * <p><b>Decoding.</b> The {@link WireFormat} says how records are framed: {@link WireFormat#PLAIN plain} Avro binary
 * written with the reader schema, or behind the {@link WireFormat#CONFLUENT Confluent header}, whose schema id
 * selects the writer schema the record is resolved from (Avro's schema resolution: defaults fill the fields the
 * writer lacks, the writer's extra fields are skipped). When no writer schema is known, a framed record is read with
 * the reader schema whatever its id. The format is {@code CONFLUENT} when schema ids are given and {@code PLAIN}
 * otherwise; guessing between the two ({@link WireFormat#DETECT}) is only by choice, since a plain record can start
 * with the same byte as a header. The record's fields, in the reader schema's order, then go to
 * {@link FeatureFields#read}: numbers as numbers, strings and enum symbols as text, booleans and nulls as they are,
 * records, arrays, maps, bytes and fixed values as nested values.
 *
 * <p>Decoding never throws. A failure names what is wrong: no bytes, a missing or truncated header, an unknown schema
 * id (with the known ones), a writer schema that does not resolve to the reader schema (with Avro's reason), bytes
 * that are not Avro (what was read at which byte: the payload ends early, a number is badly encoded, a length claims
 * more bytes than remain), bytes left over after the record, records of a recursive schema nested deeper than the
 * stack allows, or any of {@code FeatureFields}' reasons. A length or item count is checked against the bytes left
 * before anything is allocated, so garbage cannot make it allocate gigabytes; this does not rely on Avro's JVM-wide
 * {@code org.apache.avro.limits.*} system properties.
 *
 * <p><b>Encoding.</b> {@link FeatureFields#write} gives the fields. A number goes to an int or a long field when it
 * is whole and in range, to a float field rounded to the nearest float, to a double field as it is; text goes to a
 * string, an enum symbol, a boolean ({@code "true"}, {@code "false"}) or an int or long (a category code in decimal);
 * a union takes its first branch, in order, that can hold the value. Anything else is an
 * {@link IllegalArgumentException} naming the field. A schema field that is no feature gets its default, or null in a
 * union with null. The record is written as plain Avro binary, or behind the Confluent header with the
 * {@linkplain Builder#encodeWithSchemaId reader schema's id}.
 *
 * <p>Thread-safe: decode and encode from any number of threads.
 */
public final class AvroFeaturesCodec implements RecordCodec<Features> {

    private final Schema readerSchema;
    private final FeatureFields featureFields;
    private final WireFormat wireFormat;
    private final Integer encodeSchemaId;
    private final RecordReader reader;
    private final List<String> fieldNames;
    private final GenericDatumWriter<GenericRecord> writer;

    private AvroFeaturesCodec(Builder builder, WireFormat wireFormat, Map<Integer, Schema> writerSchemas) {
        this.readerSchema = builder.readerSchema;
        this.featureFields = builder.featureFields;
        this.wireFormat = wireFormat;
        this.encodeSchemaId = builder.encodeSchemaId;
        this.reader = new RecordReader(readerSchema, writerSchemas, wireFormat);
        this.fieldNames = RecordFields.names(readerSchema);
        this.writer = new GenericDatumWriter<>(readerSchema);
    }

    /**
     * Starts a codec for records read as {@code readerSchema}, a record schema.
     *
     * @throws IllegalArgumentException when the schema is not a record
     */
    public static Builder builder(Schema readerSchema, FeatureFields featureFields) {
        return new Builder(readerSchema, featureFields);
    }

    /** The schema every record is read as, and written with. */
    public Schema readerSchema() {
        return readerSchema;
    }

    /** The framing this codec expects and writes. */
    public WireFormat wireFormat() {
        return wireFormat;
    }

    @Override
    public Decoded<Features> decode(byte[] bytes) {
        Decoded<GenericRecord> record = reader.read(bytes);
        if (record instanceof Decoded.Failure<GenericRecord> failure) {
            return Decoded.failure(failure.reason());
        }
        return featureFields.read(new RecordFields(record.get(), fieldNames));
    }

    /**
     * The features as a record of the reader schema, in Avro binary, behind the Confluent header when a schema id to
     * encode with is set.
     *
     * @throws IllegalArgumentException when the reader schema cannot hold a feature (naming the field and why), lacks
     *                                  a field for one, or has a field that is no feature and has no default
     * @throws IllegalStateException    when the wire format is {@link WireFormat#CONFLUENT} and no schema id to
     *                                  encode with is set
     */
    @Override
    public byte[] encode(Features features) {
        if (wireFormat == WireFormat.CONFLUENT && encodeSchemaId == null) {
            throw new IllegalStateException("set encodeWithSchemaId(...) to encode in the Confluent wire format");
        }
        GenericRecord record = FeatureRecord.of(readerSchema, featureFields.write(features));
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (encodeSchemaId != null) {
            out.writeBytes(ConfluentHeader.of(encodeSchemaId));
        }
        // a direct encoder writes straight to the stream: nothing buffered to share or to flush late
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Configures an {@link AvroFeaturesCodec}. The wire format is {@link WireFormat#CONFLUENT} when a writer schema or
     * a schema id to encode with is given, {@link WireFormat#PLAIN} otherwise, unless {@link #wireFormat} says.
     */
    public static final class Builder {

        private final Schema readerSchema;
        private final FeatureFields featureFields;
        private final Map<Integer, Schema> writerSchemas = new LinkedHashMap<>();
        private WireFormat wireFormat;
        private Integer encodeSchemaId;

        private Builder(Schema readerSchema, FeatureFields featureFields) {
            this.readerSchema = requireRecord(readerSchema, "the reader schema");
            this.featureFields = Objects.requireNonNull(featureFields, "featureFields");
        }

        /**
         * Reads a framed record with this schema id as written with {@code writerSchema}, a record schema.
         *
         * @throws IllegalArgumentException when the id is negative or already given, or the schema is not a record
         */
        public Builder writerSchema(int schemaId, Schema writerSchema) {
            requireId(schemaId);
            requireRecord(writerSchema, "writer schema " + schemaId);
            if (writerSchemas.containsKey(schemaId)) {
                throw new IllegalArgumentException("writer schema " + schemaId + " is given twice");
            }
            writerSchemas.put(schemaId, writerSchema);
            return this;
        }

        /** {@link #writerSchema(int, Schema)} for each entry. */
        public Builder writerSchemas(Map<Integer, Schema> writerSchemas) {
            writerSchemas.forEach(this::writerSchema);
            return this;
        }

        /** The framing to expect and write; see {@link WireFormat}. */
        public Builder wireFormat(WireFormat wireFormat) {
            this.wireFormat = Objects.requireNonNull(wireFormat, "wireFormat");
            return this;
        }

        /**
         * Writes the Confluent header with this id, the reader schema's id in the schema registry, and reads records
         * with this id as written with the reader schema.
         *
         * @throws IllegalArgumentException when the id is negative
         */
        public Builder encodeWithSchemaId(int schemaId) {
            requireId(schemaId);
            this.encodeSchemaId = schemaId;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the wire format is {@link WireFormat#PLAIN} but schema ids are given,
         *                                  {@link WireFormat#DETECT} but none is, or the id to encode with is given
         *                                  as a writer schema other than the reader schema
         */
        public AvroFeaturesCodec build() {
            Map<Integer, Schema> known = new LinkedHashMap<>(writerSchemas);
            if (encodeSchemaId != null) {
                Schema given = known.putIfAbsent(encodeSchemaId, readerSchema);
                if (given != null && !given.equals(readerSchema)) {
                    throw new IllegalArgumentException("schema id " + encodeSchemaId + " is given both as a writer"
                            + " schema and, with encodeWithSchemaId, as the reader schema, which differ");
                }
            }
            WireFormat format = wireFormat != null ? wireFormat
                    : known.isEmpty() ? WireFormat.PLAIN : WireFormat.CONFLUENT;
            if (format == WireFormat.PLAIN && !known.isEmpty()) {
                throw new IllegalArgumentException("the PLAIN wire format has no schema ids, yet ids " + known.keySet()
                        + " are given; choose CONFLUENT or DETECT");
            }
            if (format == WireFormat.DETECT && known.isEmpty()) {
                throw new IllegalArgumentException("the DETECT wire format needs a writer schema or a schema id to"
                        + " encode with: without a known id, a plain record starting with 0 looks like a header");
            }
            return new AvroFeaturesCodec(this, format, known);
        }

        private static void requireId(int schemaId) {
            if (schemaId < 0) {
                throw new IllegalArgumentException("schema id " + schemaId + " is negative");
            }
        }

        private static Schema requireRecord(Schema schema, String what) {
            Objects.requireNonNull(schema, what);
            if (schema.getType() != Schema.Type.RECORD) {
                throw new IllegalArgumentException(what + " is a " + schema.getType().getName() + ", not a record");
            }
            return schema;
        }
    }
}
