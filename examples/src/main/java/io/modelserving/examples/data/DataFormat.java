package io.modelserving.examples.data;

import io.modelserving.Features;
import io.modelserving.avro.AvroFeaturesCodec;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.FeatureFields;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.json.JsonFeaturesCodec;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * How the records on the data topic are written: the format {@code serve} reads and {@code publish-data} writes.
 *
 * <pre>{@code
 * RecordCodec<Features> cars = DataFormat.parse("json").codec(FeatureMap.defaults(), Optional.empty(),
 *         OptionalInt.empty());
 * }</pre>
 */
public enum DataFormat {

    /** The tutorial's {@code WineRecord} protobuf: eleven wine measurements and a data type. */
    WINE("wine"),
    /** The library's own protobuf {@code FeatureRecord}, numeric and categorical features by name. */
    PROTOBUF("protobuf"),
    /** JSON objects, fields to features as a {@link FeatureFields} says. */
    JSON("json"),
    /** Avro records of one schema, plain or behind the Confluent header, fields to features likewise. */
    AVRO("avro");

    private final String cliName;

    DataFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line. */
    public String cliName() {
        return cliName;
    }

    /** Whether records have named fields that a {@link FeatureFields} (a feature map) turns into features. */
    public boolean hasFields() {
        return this == JSON || this == AVRO;
    }

    /**
     * The codec of this format. {@code fields} applies to JSON and Avro only; the Avro reader schema is required for
     * Avro and ignored otherwise. With a schema id, Avro records are read and written behind the Confluent header
     * with that id; without, as plain Avro binary.
     *
     * @throws IllegalArgumentException for Avro without a schema
     */
    public RecordCodec<Features> codec(FeatureFields fields, Optional<Schema> avroSchema, OptionalInt avroSchemaId) {
        return switch (this) {
            case WINE -> new WineRecordCodec();
            case PROTOBUF -> Codecs.features();
            case JSON -> JsonFeaturesCodec.of(fields);
            case AVRO -> {
                Schema schema = avroSchema.orElseThrow(() ->
                        new IllegalArgumentException("the avro data format needs a reader schema"));
                AvroFeaturesCodec.Builder avro = AvroFeaturesCodec.builder(schema, fields);
                avroSchemaId.ifPresent(avro::encodeWithSchemaId);
                yield avro.build();
            }
        };
    }

    /**
     * The format named on the command line, in any case.
     *
     * @throws IllegalArgumentException for any other name, listing the choices
     */
    public static DataFormat parse(String text) {
        for (DataFormat format : values()) {
            if (format.cliName.equalsIgnoreCase(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown data format '" + text + "': use wine, protobuf, json or avro");
    }
}
