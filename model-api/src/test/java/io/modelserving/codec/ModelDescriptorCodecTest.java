package io.modelserving.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelPayload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelDescriptorCodecTest {

    private final RecordCodec<ModelDescriptor> codec = Codecs.modelDescriptors();

    /** Writes a descriptor field by field, as the tutorial's own publisher did (fields 1-6 only). */
    private static byte[] tutorialDescriptor(int modelTypeEnum, byte[] data, String location) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, "winequalityLinearRegression");
        out.writeString(2, "generated from SparkML");
        out.writeString(3, "wine");
        if (modelTypeEnum != 0) {
            out.writeEnum(4, modelTypeEnum);
        }
        if (data != null) {
            out.writeByteArray(5, data);
        } else {
            out.writeString(6, location);
        }
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void readsTheTutorialsPmmlDescriptor() throws IOException {
        byte[] pmml = "<PMML/>".getBytes();

        ModelDescriptor d = codec.decode(tutorialDescriptor(2, pmml, null)).get();

        assertThat(d.name()).isEqualTo("winequalityLinearRegression");
        assertThat(d.description()).isEqualTo("generated from SparkML");
        assertThat(d.dataType()).isEqualTo("wine");
        assertThat(d.modelType()).isEqualTo("pmml");
        assertThat(((ModelPayload.Bytes) d.payload()).data()).isEqualTo(pmml);
    }

    @Test
    void readsTheTutorialsTensorflowTypesAndLocations() throws IOException {
        assertThat(codec.decode(tutorialDescriptor(0, new byte[] {1, 2}, null)).get().modelType()).isEqualTo("tensorflow");
        ModelDescriptor saved = codec.decode(tutorialDescriptor(1, null, "/models/wine/1")).get();
        assertThat(saved.modelType()).isEqualTo("tensorflow-saved");
        assertThat(saved.payload()).isEqualTo(ModelPayload.location("/models/wine/1"));
    }

    @Test
    void roundTripsEveryField() {
        ModelDescriptor original = ModelDescriptor.builder("m", "wine", "onnx").description("d").version("7")
                .createdAt(Instant.ofEpochMilli(1_700_000_000_123L)).sha256("ab12").bytes(new byte[] {9, 8, 7}).build();

        ModelDescriptor decoded = codec.decode(codec.encode(original)).get();

        assertThat(decoded).isEqualTo(original);
    }

    @Test
    void ourPmmlDescriptorsAreReadableByTheTutorialsEnum() throws Exception {
        byte[] encoded = codec.encode(ModelDescriptor.builder("m", "wine", "pmml").bytes(new byte[] {1}).build());

        // Field 4 as a varint: tag (4 << 3 | 0) = 32, value 2 (PMML).
        assertThat(indexOf(encoded, new byte[] {32, 2})).isNotNegative();
    }

    @Test
    void badBytesAreFailuresNotExceptions() throws IOException {
        byte[] valid = tutorialDescriptor(2, new byte[100], null);

        assertThat(codec.decode(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}).reason()).startsWith("not a model descriptor");
        assertThat(codec.decode(Arrays.copyOf(valid, valid.length - 10)).reason()).startsWith("not a model descriptor");
        assertThat(codec.decode(null).isValue()).isFalse();
        assertThat(codec.decode(new byte[0]).reason()).startsWith("invalid model descriptor");
    }

    @Test
    void descriptorWithoutContentIsAFailure() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, "m");
        out.writeString(3, "wine");
        out.flush();

        assertThat(codec.decode(bytes.toByteArray()).reason()).contains("neither data nor location");
    }

    @Test
    void rolesTravelAsFieldsElevenAndTwelveAndATutorialDescriptorIsAPrimary() throws IOException {
        ModelDescriptor canary = ModelDescriptor.builder("m", "wine", "onnx").bytes(new byte[] {1, 2}).canary(12.5)
                .build();
        ModelDescriptor shadow = canary.withRole(io.modelserving.ModelRole.SHADOW, 0);

        byte[] canaryBytes = codec.encode(canary);
        assertThat(codec.decode(canaryBytes).get()).isEqualTo(canary);
        assertThat(codec.decode(codec.encode(shadow)).get()).isEqualTo(shadow);
        // Field 11 (role) as varint 2 and field 12 (canary_percent) as a fixed64 double, written by hand.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(expected);
        out.writeEnum(11, 2);
        out.writeDouble(12, 12.5);
        out.flush();
        assertThat(indexOf(canaryBytes, expected.toByteArray())).isNotNegative();
        assertThat(codec.decode(tutorialDescriptor(2, "<PMML/>".getBytes(), null)).get().role())
                .isEqualTo(io.modelserving.ModelRole.PRIMARY);
    }

    @Test
    void anUnknownRoleOrACanaryWithoutShareIsAFailure() throws IOException {
        byte[] valid = tutorialDescriptor(2, "<PMML/>".getBytes(), null);
        ByteArrayOutputStream withRole = new ByteArrayOutputStream();
        withRole.write(valid);
        CodedOutputStream out = CodedOutputStream.newInstance(withRole);
        out.writeEnum(11, 7);
        out.flush();
        assertThat(codec.decode(withRole.toByteArray()).reason()).contains("role");

        ByteArrayOutputStream canary = new ByteArrayOutputStream();
        canary.write(valid);
        out = CodedOutputStream.newInstance(canary);
        out.writeEnum(11, 2);
        out.flush();
        assertThat(codec.decode(canary.toByteArray()).reason()).contains("canaryPercent");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
