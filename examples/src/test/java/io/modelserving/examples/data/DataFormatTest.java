package io.modelserving.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.Features;
import io.modelserving.codec.FeatureFields;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.wine.WineRecordCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Each data format by its command-line name, and the codec it gives. */
class DataFormatTest {

    private static final FeatureFields BY_TYPE = FeatureFields.builder().dataTypeField("type").build();
    private static final Features CAR = Features.builder("car").number("engine size", 1.6)
            .category("fuel", "diesel").build();
    private static final Schema CAR_SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Car", "fields": [
              {"name": "type", "type": "string"},
              {"name": "engine_size", "type": "double"},
              {"name": "fuel", "type": "string"}]}""");

    @Test
    void parsesEveryNameInAnyCase() {
        for (DataFormat format : DataFormat.values()) {
            assertThat(DataFormat.parse(format.cliName())).isEqualTo(format);
            assertThat(DataFormat.parse(format.cliName().toUpperCase())).isEqualTo(format);
        }
        assertThat(DataFormat.parse("Json")).isEqualTo(DataFormat.JSON);
    }

    @Test
    void anUnknownNameListsTheChoices() {
        assertThatThrownBy(() -> DataFormat.parse("csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown data format 'csv': use ")
                .hasMessageContainingAll(Arrays.stream(DataFormat.values()).map(DataFormat::cliName)
                        .toArray(String[]::new));
    }

    @Test
    void onlyJsonAndAvroHaveFields() {
        assertThat(Arrays.stream(DataFormat.values()).filter(DataFormat::hasFields))
                .containsExactly(DataFormat.JSON, DataFormat.AVRO);
    }

    @Test
    void wineIsTheTutorialsCodec() {
        assertThat(DataFormat.WINE.codec(BY_TYPE, Optional.empty(), OptionalInt.empty()))
                .isInstanceOf(WineRecordCodec.class);
    }

    @Test
    void protobufAndJsonRoundTripCategories() {
        for (DataFormat format : new DataFormat[] {DataFormat.PROTOBUF, DataFormat.JSON}) {
            RecordCodec<Features> codec = format.codec(BY_TYPE, Optional.empty(), OptionalInt.empty());
            assertThat(codec.decode(codec.encode(CAR)).get()).as(format.cliName()).isEqualTo(CAR);
        }
        byte[] json = DataFormat.JSON.codec(BY_TYPE, Optional.empty(), OptionalInt.empty()).encode(CAR);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"car\",\"engine size\":1.6,\"fuel\":\"diesel\"}");
    }

    @Test
    void avroNeedsASchemaAndFramesRecordsOnlyWithAnId() {
        FeatureFields fields = FeatureFields.builder().dataTypeField("type")
                .number("engine_size", "engine size").category("fuel").build();
        assertThatThrownBy(() -> DataFormat.AVRO.codec(fields, Optional.empty(), OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");

        RecordCodec<Features> plain = DataFormat.AVRO.codec(fields, Optional.of(CAR_SCHEMA), OptionalInt.empty());
        RecordCodec<Features> framed = DataFormat.AVRO.codec(fields, Optional.of(CAR_SCHEMA), OptionalInt.of(258));
        byte[] plainBytes = plain.encode(CAR);
        byte[] framedBytes = framed.encode(CAR);

        // The Confluent header: magic byte 0, then the id 258 as four big-endian bytes.
        assertThat(Arrays.copyOf(framedBytes, 5)).containsExactly(0, 0, 0, 1, 2);
        assertThat(Arrays.copyOfRange(framedBytes, 5, framedBytes.length)).isEqualTo(plainBytes);
        assertThat(plain.decode(plainBytes).get()).isEqualTo(CAR);
        assertThat(framed.decode(framedBytes).get()).isEqualTo(CAR);
        assertThat(framed.decode(plainBytes).isValue()).as("a plain record where framed ones are expected").isFalse();
    }
}
