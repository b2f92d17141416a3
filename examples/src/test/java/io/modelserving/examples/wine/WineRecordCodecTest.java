package io.modelserving.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import io.modelserving.Features;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WineRecordCodecTest {

    private final WineRecordCodec codec = new WineRecordCodec();
    private final double[] row = {7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4};

    /** A WineRecord as the tutorial's publisher wrote it: doubles 1-11, dataType 12, ts 13. */
    private byte[] tutorialRecord(double[] values, String dataType) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int i = 0; i < values.length; i++) {
            out.writeDouble(i + 1, values[i]);
        }
        out.writeString(12, dataType);
        out.writeInt64(13, 1_700_000_000_000L);
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void readsTheTutorialsWireFormatByFieldNumber() throws IOException {
        Features features = codec.decode(tutorialRecord(row, "wine")).get();

        assertThat(features.dataType()).isEqualTo("wine");
        assertThat(features.values()).containsExactly(row);
        assertThat(features.get("fixed acidity")).isEqualTo(7.4);
        assertThat(features.get("alcohol")).isEqualTo(9.4);
        assertThat(features.get("pH")).isEqualTo(3.51);
    }

    @Test
    void roundTrips() {
        Features features = Features.of("wine", Wine.FEATURES, row);

        assertThat(codec.decode(codec.encode(features)).get()).isEqualTo(features);
    }

    @Test
    void badRecordsAreFailures() throws IOException {
        double[] withNaN = row.clone();
        withNaN[4] = Double.NaN;
        byte[] valid = tutorialRecord(row, "wine");

        assertThat(codec.decode(tutorialRecord(withNaN, "wine")).reason()).isEqualTo("WineRecord chlorides is NaN");
        assertThat(codec.decode(tutorialRecord(row, "")).reason()).contains("no dataType");
        assertThat(codec.decode(Arrays.copyOf(valid, valid.length - 5)).reason()).startsWith("not a WineRecord");
        assertThat(codec.decode("hello".getBytes()).isValue()).isFalse();
    }
}
