package io.modelserving.examples.cli;

import io.modelserving.Features;
import io.modelserving.codec.FeatureFields;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.data.DataFormat;
import io.modelserving.examples.data.FeatureMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import picocli.CommandLine.Option;

/**
 * How records on the data topic are written, for the commands that read or write them ({@code serve},
 * {@code publish-data}, {@code read-scored}). {@link #check()} refuses a bad combination before anything starts.
 */
final class DataFormatOptions {

    @Option(names = "--data-format", defaultValue = "wine", paramLabel = "FORMAT",
            description = "Records on the data topic: wine (the tutorial's WineRecord protobuf), protobuf (the "
                    + "library's FeatureRecord), json or avro. Default: ${DEFAULT-VALUE}.")
    String dataFormat;

    @Option(names = "--avro-schema", paramLabel = "FILE",
            description = "The Avro record schema (.avsc) records are read and written with; required with "
                    + "--data-format avro, refused with any other.")
    Path avroSchema;

    @Option(names = "--avro-schema-id", paramLabel = "N",
            description = "The schema's id in the schema registry: records are framed with the Confluent header and "
                    + "this id (avro only). Default: plain Avro.")
    Integer avroSchemaId;

    @Option(names = "--feature-map", paramLabel = "FILE",
            description = "JSON file saying which fields are features and which names the data type (json and avro "
                    + "only), e.g. {\"dataTypeField\": \"type\", \"features\": [{\"field\": \"fuel\", \"kind\": "
                    + "\"category\"}]}. Default: the field '" + FeatureMap.DEFAULT_DATA_TYPE_FIELD
                    + "' names the data type, every other field is a feature.")
    Path featureMap;

    /**
     * The chosen format, once its options are checked.
     *
     * @throws IllegalArgumentException for an unknown format, an option the format does not take, a missing one
     */
    DataFormat check() {
        DataFormat format = DataFormat.parse(dataFormat);
        if (format == DataFormat.AVRO && avroSchema == null) {
            throw new IllegalArgumentException("--data-format avro needs --avro-schema FILE");
        }
        if (format != DataFormat.AVRO) {
            refuse("--avro-schema", avroSchema, format);
            refuse("--avro-schema-id", avroSchemaId, format);
        }
        if (!format.hasFields()) {
            refuse("--feature-map", featureMap, format);
        }
        if (avroSchemaId != null && avroSchemaId < 0) {
            throw new IllegalArgumentException("--avro-schema-id must be 0 or more, was " + avroSchemaId);
        }
        if (avroSchema != null) {
            Checks.readableFile("--avro-schema", avroSchema);
        }
        if (featureMap != null) {
            Checks.readableFile("--feature-map", featureMap);
        }
        return format;
    }

    /** The fields to features rule: the feature map's, or the default. */
    FeatureFields featureFields() {
        if (featureMap == null) {
            return FeatureMap.defaults();
        }
        try {
            return FeatureMap.read(featureMap);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--feature-map " + e.getMessage());
        }
    }

    /**
     * The codec of the chosen format, its files read and checked.
     *
     * @throws IllegalArgumentException for bad options or a bad file, naming the option
     */
    RecordCodec<Features> codec() {
        DataFormat format = check();
        Optional<Schema> schema = avroSchema == null ? Optional.empty() : Optional.of(readSchema());
        OptionalInt id = avroSchemaId == null ? OptionalInt.empty() : OptionalInt.of(avroSchemaId);
        return format.codec(format.hasFields() ? featureFields() : FeatureMap.defaults(), schema, id);
    }

    private Schema readSchema() {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(Files.readString(avroSchema, StandardCharsets.UTF_8));
        } catch (AvroRuntimeException e) { // a parse error, a default of the wrong type, …
            throw notASchema(e.getMessage());
        } catch (NullPointerException e) { // how Avro reports a type name that is defined nowhere
            throw notASchema("it names a type that is not defined");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + avroSchema, e);
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("--avro-schema " + avroSchema + ": a schema of type "
                    + schema.getType().getName() + ", not a record");
        }
        return schema;
    }

    private IllegalArgumentException notASchema(String reason) {
        return new IllegalArgumentException("--avro-schema " + avroSchema + ": not an Avro schema: " + reason);
    }

    private static void refuse(String option, Object value, DataFormat format) {
        if (value != null) {
            throw new IllegalArgumentException(option + " does not apply to --data-format " + format.cliName());
        }
    }
}
