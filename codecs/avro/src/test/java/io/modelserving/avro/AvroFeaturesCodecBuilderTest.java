package io.modelserving.avro;

import static io.modelserving.avro.CarRecords.V1;
import static io.modelserving.avro.CarRecords.V2;
import static io.modelserving.avro.CarRecords.car;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.codec.FeatureFields;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroFeaturesCodecBuilderTest {

    private static final FeatureFields FIELDS = FeatureFields.builder().dataTypeField("type").build();

    @Test
    void theReaderSchemaMustBeARecord() {
        assertThatThrownBy(() -> AvroFeaturesCodec.builder(Schema.create(Schema.Type.STRING), FIELDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the reader schema is a string, not a record");
    }

    @Test
    void aWriterSchemaMustBeARecordWithANewNonNegativeId() {
        AvroFeaturesCodec.Builder builder = AvroFeaturesCodec.builder(V2, FIELDS).writerSchema(17, V1);
        assertThatThrownBy(() -> builder.writerSchema(18, Schema.create(Schema.Type.LONG)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("writer schema 18 is a long, not a record");
        assertThatThrownBy(() -> builder.writerSchema(17, V2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("writer schema 17 is given twice");
        assertThatThrownBy(() -> builder.writerSchema(-1, V1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("schema id -1 is negative");
        assertThatThrownBy(() -> builder.encodeWithSchemaId(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("schema id -2 is negative");
    }

    @Test
    void plainTakesNoSchemaIds() {
        assertThatThrownBy(() -> AvroFeaturesCodec.builder(V2, FIELDS).writerSchema(17, V1)
                .wireFormat(WireFormat.PLAIN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the PLAIN wire format has no schema ids, yet ids [17] are given; choose CONFLUENT or DETECT");
    }

    @Test
    void detectNeedsAKnownId() {
        assertThatThrownBy(() -> AvroFeaturesCodec.builder(V2, FIELDS).wireFormat(WireFormat.DETECT).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the DETECT wire format needs a writer schema or a schema id to encode with");
    }

    @Test
    void theIdToEncodeWithNamesTheReaderSchema() {
        assertThatThrownBy(() -> AvroFeaturesCodec.builder(V2, FIELDS).writerSchema(17, V1).encodeWithSchemaId(17)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema id 17 is given both as a writer schema and, with encodeWithSchemaId, as the reader"
                        + " schema, which differ");
        AvroFeaturesCodec same = AvroFeaturesCodec.builder(V2, FIELDS).writerSchema(18, V2).encodeWithSchemaId(18)
                .build();
        assertThat(same.decode(same.encode(same.decode(CarRecords.framed(18, CarRecords.avro(car()))).get()))
                .isValue()).isTrue();
    }

    @Test
    void confluentWithoutAnIdToEncodeWithCannotEncode() {
        AvroFeaturesCodec readOnly = AvroFeaturesCodec.builder(V2, FIELDS).writerSchema(17, V1).build();
        byte[] framed = CarRecords.framed(17, CarRecords.avro(CarRecords.as(V1, car())));
        assertThatThrownBy(() -> readOnly.encode(readOnly.decode(framed).get()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("set encodeWithSchemaId(...) to encode in the Confluent wire format");
    }
}
