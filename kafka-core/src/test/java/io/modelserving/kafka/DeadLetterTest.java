package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void headersCarryEveryFieldAsUtf8Text() {
        Headers headers = new DeadLetter(DeadLetterKind.SCORING_FAILED, "boom", "data", 3, 1234L, "m1:2", "wine")
                .toHeaders();
        assertThat(text(headers, "modelserving.kind")).isEqualTo("scoring-failed");
        assertThat(text(headers, "modelserving.reason")).isEqualTo("boom");
        assertThat(text(headers, "modelserving.source.topic")).isEqualTo("data");
        assertThat(text(headers, "modelserving.source.partition")).isEqualTo("3");
        assertThat(text(headers, "modelserving.source.offset")).isEqualTo("1234");
        assertThat(text(headers, "modelserving.model")).isEqualTo("m1:2");
        assertThat(text(headers, "modelserving.data-type")).isEqualTo("wine");
    }

    @Test
    void roundTripsThroughHeadersAndOmitsUnknownModel() {
        DeadLetter letter = DeadLetter.of(DeadLetterKind.DATA_UNDECODABLE, "garbage", "in", 0, 7);
        Headers headers = letter.toHeaders();
        assertThat(headers.lastHeader(DeadLetterHeaders.MODEL)).isNull();
        assertThat(headers.lastHeader(DeadLetterHeaders.DATA_TYPE)).isNull();
        assertThat(DeadLetter.fromHeaders(headers)).contains(letter);
    }

    @Test
    void addToReplacesEarlierValuesButKeepsOtherHeaders() {
        Headers headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.KIND, "no-model".getBytes(StandardCharsets.UTF_8));
        DeadLetter.of(DeadLetterKind.MODEL_REJECTED, "bad", "models", 0, 1).addTo(headers);
        assertThat(headers.headers(DeadLetterHeaders.KIND)).hasSize(1);
        assertThat(text(headers, DeadLetterHeaders.KIND)).isEqualTo("model-rejected");
        assertThat(text(headers, "trace")).isEqualTo("abc");
    }

    @Test
    void headersWithoutAKnownKindAreNoDeadLetter() {
        assertThat(DeadLetter.fromHeaders(new RecordHeaders())).isEmpty();
        Headers unknown = new RecordHeaders();
        unknown.add(DeadLetterHeaders.KIND, "other".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetter.fromHeaders(unknown)).isEmpty();
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
