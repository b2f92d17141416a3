package io.modelserving.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.codec.FeatureFields;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Records built to cost a decoder time or memory fail quickly, as values, at the documented limits. */
class JsonHostileInputTest {

    private final JsonFeaturesCodec codec = JsonFeaturesCodec.of(FeatureFields.builder().dataType("car")
            .number("doors").build());

    @Test
    void nestingUpToTheLimitIsRead() {
        // the record itself is one level: an ignored field nested to the limit is still fine
        String nested = "[".repeat(JsonFeaturesCodec.MAX_DEPTH - 1) + "]".repeat(JsonFeaturesCodec.MAX_DEPTH - 1);

        assertThat(codec.decode(utf8("{\"doors\": 4, \"extra\": " + nested + "}")).isValue()).isTrue();
    }

    @Test
    void nestingBeyondTheLimitIsAFailure() {
        String nested = "[".repeat(JsonFeaturesCodec.MAX_DEPTH) + "]".repeat(JsonFeaturesCodec.MAX_DEPTH);

        assertThat(codec.decode(utf8("{\"doors\": 4, \"extra\": " + nested + "}")).reason())
                .startsWith("JSON over a limit: ").contains("nesting depth").contains("64");
    }

    @Test
    void deepNestingNearTheByteLimitFailsWithoutExhaustingTheStack() {
        int depth = 150_000; // six bytes a level: within the byte limit
        String nested = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);

        assertThat(codec.decode(utf8(nested)).reason()).startsWith("JSON over a limit: ").contains("nesting depth");
    }

    @Test
    void aNumberLongerThanTheLimitIsAFailure() {
        String digits = "9".repeat(JsonFeaturesCodec.MAX_NUMBER_LENGTH + 1);

        assertThat(codec.decode(utf8("{\"doors\": " + digits + "}")).reason())
                .startsWith("JSON over a limit: ").contains("Number value length").contains("100");
    }

    @Test
    void aHugeNumberStringFailsQuickly() {
        String digits = "1" + "0".repeat(900_000);

        long start = System.nanoTime();
        String reason = codec.decode(utf8("{\"doors\": " + digits + "}")).reason();

        assertThat(reason).startsWith("JSON over a limit: ");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void aNumberAtTheLimitIsRead() {
        String digits = "1." + "0".repeat(JsonFeaturesCodec.MAX_NUMBER_LENGTH - 2);

        assertThat(codec.decode(utf8("{\"doors\": " + digits + "}")).get().get("doors")).isEqualTo(1.0);
    }

    @Test
    void aRecordOverTheByteLimitIsAFailureBeforeParsing() {
        byte[] bytes = new byte[JsonFeaturesCodec.MAX_BYTES + 1];
        java.util.Arrays.fill(bytes, (byte) '[');

        assertThat(codec.decode(bytes).reason())
                .isEqualTo("JSON of " + (JsonFeaturesCodec.MAX_BYTES + 1) + " bytes is over the limit of 1048576 bytes");
    }

    @Test
    void theScoredRecordCodecHasTheSameLimits() {
        String nested = "[".repeat(JsonFeaturesCodec.MAX_DEPTH) + "]".repeat(JsonFeaturesCodec.MAX_DEPTH);

        assertThat(new JsonScoredRecordCodec().decode(utf8("{\"input\": " + nested + "}")).reason())
                .startsWith("JSON over a limit: ").contains("nesting depth");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
