package io.modelserving.avro;

import static io.modelserving.avro.CarRecords.avro;
import static io.modelserving.avro.CarRecords.framed;
import static io.modelserving.avro.CarRecords.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.codec.FeatureFields;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Which payloads each wire format takes as framed, above all those whose first byte is 0. */
class WireFormatTest {

    /** A reading whose first field, the sensor, is 0 for the first sensor: its plain record starts with 0. */
    private static final Schema READING = parse("""
            {"type": "record", "name": "Reading", "fields": [
              {"name": "sensor", "type": "int"},
              {"name": "value", "type": "double"}
            ]}""");

    private static final FeatureFields FIELDS = FeatureFields.builder().dataType("sensor").build();

    private static GenericRecord reading(int sensor, double value) {
        GenericRecord reading = new GenericData.Record(READING);
        reading.put("sensor", sensor);
        reading.put("value", value);
        return reading;
    }

    private static Features features(GenericRecord reading) {
        return Features.of("sensor", List.of("sensor", "value"), (Integer) reading.get("sensor"),
                (Double) reading.get("value"));
    }

    private static AvroFeaturesCodec codec(WireFormat format) {
        AvroFeaturesCodec.Builder builder = AvroFeaturesCodec.builder(READING, FIELDS).wireFormat(format);
        return format == WireFormat.PLAIN ? builder.build() : builder.writerSchema(17, READING).build();
    }

    @Test
    void plainReadsARecordStartingWithZeroAsARecord() {
        GenericRecord first = reading(0, 21.5);
        byte[] plain = avro(first);
        assertThat(plain[0]).isZero();

        assertThat(codec(WireFormat.PLAIN).decode(plain).get()).isEqualTo(features(first));
        assertThat(codec(WireFormat.PLAIN).decode(framed(17, plain)).reason())
                .isEqualTo("invalid Avro payload: 5 trailing bytes after the record, from byte 9 (written with another"
                        + " schema?)");
    }

    @Test
    void confluentReadsEveryPayloadAsFramed() {
        GenericRecord second = reading(1, 21.5);
        AvroFeaturesCodec confluent = codec(WireFormat.CONFLUENT);

        assertThat(confluent.decode(framed(17, avro(second))).get()).isEqualTo(features(second));
        // zig-zag: sensor 1 is the byte 2
        assertThat(confluent.decode(avro(second)).reason())
                .isEqualTo("no Confluent header: the first byte is 0x02, not the magic byte 0");
        // 21.5 is 0x4035800000000000: its first little-endian bytes 00 00 00 00 read as schema id 0
        assertThat(confluent.decode(avro(reading(0, 21.5))).reason()).isEqualTo("unknown schema id 0; known ids: [17]");
    }

    @Test
    void detectTakesAZeroFollowedByAKnownIdAsAHeaderAndAnythingElseAsPlain() {
        AvroFeaturesCodec detect = codec(WireFormat.DETECT);
        GenericRecord first = reading(0, 21.5);
        GenericRecord second = reading(1, 21.5);

        assertThat(detect.decode(framed(17, avro(second))).get()).isEqualTo(features(second));
        assertThat(detect.decode(avro(second)).get()).isEqualTo(features(second));
        assertThat(detect.decode(avro(first)).get()).as("0 then unknown id 0: plain").isEqualTo(features(first));
        assertThat(detect.decode(new byte[] {0, 0}).reason()).as("too short for a header: plain")
                .isEqualTo("invalid Avro payload: truncated: the payload ends inside a double at byte 1");
    }

    @Test
    void detectMistakesAPlainRecordWhoseBytesSpellAKnownIdForAFramedOne() {
        // value bits 0x4008000011000000, little-endian 00 00 00 11 00 00 08 40: after sensor 0 they read as id 17
        GenericRecord unlucky = reading(0, Double.longBitsToDouble(0x4008_0000_1100_0000L));
        byte[] plain = avro(unlucky);

        assertThat(codec(WireFormat.DETECT).decode(plain).reason()).isEqualTo("invalid Avro payload (schema id 17):"
                + " truncated: the payload ends inside a double at byte 6");
        assertThat(codec(WireFormat.PLAIN).decode(plain).get()).isEqualTo(features(unlucky));
    }

    @Test
    void theDefaultIsConfluentWithSchemaIdsAndPlainWithout() {
        assertThat(AvroFeaturesCodec.builder(READING, FIELDS).build().wireFormat()).isEqualTo(WireFormat.PLAIN);
        assertThat(AvroFeaturesCodec.builder(READING, FIELDS).writerSchema(17, READING).build().wireFormat())
                .isEqualTo(WireFormat.CONFLUENT);
        assertThat(AvroFeaturesCodec.builder(READING, FIELDS).encodeWithSchemaId(17).build().wireFormat())
                .isEqualTo(WireFormat.CONFLUENT);
        assertThat(AvroFeaturesCodec.builder(READING, FIELDS).wireFormat(WireFormat.DETECT).encodeWithSchemaId(17)
                .build().wireFormat()).as("an explicit choice stays, whatever the order").isEqualTo(WireFormat.DETECT);
    }

    @Test
    void encodingWritesTheHeaderOnlyWithASchemaId() {
        GenericRecord second = reading(1, 21.5);
        AvroFeaturesCodec detectPlain = AvroFeaturesCodec.builder(READING, FIELDS).wireFormat(WireFormat.DETECT)
                .writerSchema(17, READING).build();
        AvroFeaturesCodec detectFramed = AvroFeaturesCodec.builder(READING, FIELDS).wireFormat(WireFormat.DETECT)
                .encodeWithSchemaId(17).build();

        assertThat(codec(WireFormat.PLAIN).encode(features(second))).isEqualTo(avro(second));
        assertThat(detectPlain.encode(features(second))).isEqualTo(avro(second));
        assertThat(detectFramed.encode(features(second))).isEqualTo(framed(17, avro(second)));
    }
}
