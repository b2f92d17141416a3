package io.modelserving.avro;

import static io.modelserving.avro.CarRecords.TEXT_CYLINDERS;
import static io.modelserving.avro.CarRecords.TYPE_ONLY;
import static io.modelserving.avro.CarRecords.V1;
import static io.modelserving.avro.CarRecords.V2;
import static io.modelserving.avro.CarRecords.avro;
import static io.modelserving.avro.CarRecords.car;
import static io.modelserving.avro.CarRecords.concat;
import static io.modelserving.avro.CarRecords.framed;
import static io.modelserving.avro.CarRecords.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.modelserving.Features;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.FeatureFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroFeaturesCodecFailuresTest {

    private static final FeatureFields ALL_FIELDS = FeatureFields.builder().dataTypeField("type").build();
    private static final AvroFeaturesCodec PLAIN = AvroFeaturesCodec.builder(V2, ALL_FIELDS).build();
    private static final AvroFeaturesCodec FRAMED = AvroFeaturesCodec.builder(V2, ALL_FIELDS)
            .writerSchema(17, V1).writerSchema(30, TEXT_CYLINDERS).writerSchema(31, TYPE_ONLY).encodeWithSchemaId(18)
            .build();

    /** A string field, then a list of strings: for item counts. */
    private static final Schema TAGGED = parse("""
            {"type": "record", "name": "Tagged", "fields": [
              {"name": "type", "type": "string"},
              {"name": "tags", "type": {"type": "array", "items": "string"}}
            ]}""");

    private static String reason(AvroFeaturesCodec codec, byte[] bytes) {
        Decoded<Features> decoded = codec.decode(bytes);
        assertThat(decoded.isValue()).as("decoded %s", decoded).isFalse();
        return decoded.reason();
    }

    @Test
    void noBytes() {
        assertThat(reason(PLAIN, null)).isEqualTo("no bytes (null value)");
        assertThat(reason(PLAIN, new byte[0])).isEqualTo("no bytes (empty value)");
        assertThat(reason(FRAMED, new byte[0])).isEqualTo("no bytes (empty value)");
    }

    @Test
    void anUnknownSchemaIdIsNamedWithTheKnownOnes() {
        assertThat(reason(FRAMED, framed(42, avro(car())))).isEqualTo("unknown schema id 42; known ids: [17, 18, 30, 31]");
    }

    @Test
    void aFramedCodecRefusesAPlainRecord() {
        byte[] plain = avro(car());
        // the first field is the string "car": its length 3, zig-zag encoded, is the byte 6
        assertThat(reason(FRAMED, plain)).isEqualTo("no Confluent header: the first byte is 0x06, not the magic byte 0");
    }

    @Test
    void aHeaderCutShort() {
        assertThat(reason(FRAMED, new byte[] {0, 0, 0}))
                .isEqualTo("truncated Confluent header: 3 bytes, too few for the magic byte and a 4-byte schema id");
    }

    @Test
    void aTruncatedRecordSaysWhereItEnds() {
        byte[] whole = avro(car());
        // the last field, doors = 5, is an int of one byte
        assertThat(reason(PLAIN, Arrays.copyOf(whole, whole.length - 1))).isEqualTo("invalid Avro payload: truncated:"
                + " the payload ends inside an int at byte " + (whole.length - 1));
        byte[] framed = framed(18, whole);
        assertThat(reason(FRAMED, Arrays.copyOf(framed, framed.length - 1))).isEqualTo("invalid Avro payload (schema"
                + " id 18): truncated: the payload ends inside an int at byte " + (framed.length - 1));
    }

    @Test
    void bytesAfterTheRecordAreRefused() {
        byte[] whole = avro(car());
        assertThat(reason(PLAIN, concat(whole, (byte) 1, (byte) 2, (byte) 3))).isEqualTo("invalid Avro payload:"
                + " 3 trailing bytes after the record, from byte " + whole.length + " (written with another schema?)");
        assertThat(reason(FRAMED, concat(framed(18, whole), (byte) 0))).isEqualTo("invalid Avro payload (schema id 18):"
                + " 1 trailing bytes after the record, from byte " + (whole.length + 5));
    }

    @Test
    void textIsNotAvro() {
        byte[] text = "hello, world!".getBytes(StandardCharsets.US_ASCII);
        // 'h' (0x68 = 104) read as a zig-zag length is 52
        assertThat(reason(PLAIN, text)).isEqualTo("invalid Avro payload: a string at byte 0 claims 52 bytes but only"
                + " 12 remain");
    }

    @Test
    void aBadlyEncodedNumberIsRefused() {
        byte[] endless = new byte[11];
        Arrays.fill(endless, (byte) 0x80);
        assertThat(reason(PLAIN, endless))
                .isEqualTo("invalid Avro payload: a string length at byte 0 takes more than 10 bytes");
    }

    @Test
    void aUnionBranchOutOfRangeIsRefused() {
        Schema optional = parse("""
                {"type": "record", "name": "Optional", "fields": [{"name": "u", "type": ["null", "string"]}]}""");
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(optional, FeatureFields.builder().dataType("t").build())
                .build();
        // zig-zag: 0x0e is 7, 0x01 is -1; the union has 2 branches
        assertThat(reason(codec, new byte[] {0x0e})).startsWith("invalid Avro payload: ")
                .contains("Index 7 out of bounds for length 2");
        assertThat(reason(codec, new byte[] {0x01}))
                .isEqualTo("invalid Avro payload: a union branch index at byte 0 is negative (-1)");
    }

    @Test
    void aHugeLengthFailsAtOnceWithoutAllocatingIt() throws IOException {
        byte[] hostile = concat(zigZag(2_000_000_000L), "car!".getBytes(StandardCharsets.US_ASCII));
        String reason = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> reason(PLAIN, hostile));
        assertThat(reason).isEqualTo("invalid Avro payload: a string at byte 0 claims 2000000000 bytes but only 4 remain");
    }

    @Test
    void aHugeItemCountFailsAtOnceWithoutAllocatingIt() throws IOException {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(TAGGED, FeatureFields.builder().dataType("t")
                .category("type").build()).build();
        // "a" is 0x02 0x61, then an array block of a trillion items
        byte[] hostile = concat(new byte[] {0x02, 0x61}, zigZag(1_000_000_000_000L));
        String reason = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> reason(codec, hostile));
        assertThat(reason).isEqualTo("invalid Avro payload: an array block at byte 2 claims 1000000000000 items but"
                + " only 0 bytes remain");
    }

    @Test
    void recordsNestedDeeperThanTheStackFailAndTheCodecGoesOn() {
        Schema node = parse("""
                {"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"]}]}""");
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(node, FeatureFields.builder().dataType("t").build()).build();
        // every byte 2 (branch 1) opens one more node, the last byte 0 (branch 0) ends the chain
        byte[] deep = new byte[1_000_000];
        Arrays.fill(deep, (byte) 2);
        deep[deep.length - 1] = 0;

        assertThat(reason(codec, deep)).isEqualTo("invalid Avro payload: records nested too deeply to read");
        assertThat(reason(codec, new byte[] {2, 0})).startsWith("field 'next' is a nested value");
    }

    @Test
    void aNullFieldIsNoFeature() {
        GenericRecord car = car();
        car.put("owner", null);
        assertThat(reason(PLAIN, avro(car))).isEqualTo("field 'owner' is null, neither a number nor a string");
        AvroFeaturesCodec declared = AvroFeaturesCodec.builder(V2, FeatureFields.builder().dataTypeField("type")
                .number("price").category("owner").build()).build();
        assertThat(reason(declared, avro(car))).isEqualTo("field 'owner' is null, not a category (a string)");
    }

    @Test
    void aDeclaredFeatureMissingFromTheSchemaIsNamed() {
        AvroFeaturesCodec declared = AvroFeaturesCodec.builder(V2, FeatureFields.builder().dataTypeField("type")
                .number("price").number("weight").build()).build();
        assertThat(reason(declared, avro(car()))).isEqualTo("missing field 'weight'");
    }

    @Test
    void anEmptyDataTypeIsRefusedByFeatureFields() {
        GenericRecord car = car();
        car.put("type", "");
        assertThat(reason(PLAIN, avro(car)))
                .isEqualTo("the data type field 'type' is \"\" (a string), not a non-empty string");
    }

    @Test
    void aWriterSchemaThatDoesNotResolveIsNamedWithAvrosReason() {
        GenericRecord textual = CarRecords.as(TEXT_CYLINDERS, car());
        textual.put("cylinders", "four");
        // Avro's own wording follows ours
        assertThat(reason(FRAMED, framed(30, avro(textual))))
                .startsWith("writer schema 30 does not resolve to the reader schema: ")
                .contains("\"cylinders\"", "Found string, expecting int");
        GenericRecord typeOnly = CarRecords.as(TYPE_ONLY, car());
        assertThat(reason(FRAMED, framed(31, avro(typeOnly)))).startsWith("writer schema 31 does not resolve to the"
                + " reader schema: ").contains("missing required field");
    }

    /** A long as Avro writes it, by Avro's own encoder. */
    private static byte[] zigZag(long value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        encoder.writeLong(value);
        encoder.flush();
        return out.toByteArray();
    }
}
