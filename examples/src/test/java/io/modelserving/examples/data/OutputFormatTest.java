package io.modelserving.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.codec.Codecs;
import io.modelserving.json.JsonScoredRecordCodec;
import org.junit.jupiter.api.Test;

/** Each output format by its command-line name, and the scored-record codec it gives. */
class OutputFormatTest {

    @Test
    void parsesEveryNameInAnyCase() {
        for (OutputFormat format : OutputFormat.values()) {
            assertThat(OutputFormat.parse(format.cliName())).isEqualTo(format);
            assertThat(OutputFormat.parse(format.cliName().toUpperCase())).isEqualTo(format);
        }
    }

    @Test
    void anUnknownNameListsTheChoices() {
        assertThatThrownBy(() -> OutputFormat.parse("avro"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown output format 'avro': use protobuf or json");
    }

    @Test
    void jsonIsTheJsonEnvelopeAndProtobufTheWireContracts() {
        assertThat(OutputFormat.JSON.codec(Codecs.features())).isInstanceOf(JsonScoredRecordCodec.class);
        assertThat(OutputFormat.PROTOBUF.codec(Codecs.features()))
                .hasSameClassAs(Codecs.scoredRecords(Codecs.features(), Codecs.predictions()));
    }
}
