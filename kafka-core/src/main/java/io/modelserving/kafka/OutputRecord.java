package io.modelserving.kafka;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * The one record the {@link ServingCore} produces for one input: a scored record for the scored topic, or a
 * dead letter. Engines write it as it is.
 *
 * <pre>{@code
 * for (OutputRecord out : core.records().serve(batch)) {
 *     producer.send(new ProducerRecord<>(out.topic(), null, out.key(), out.value(), out.headers()));
 * }
 * }</pre>
 *
 * @param topic      where to write it
 * @param key        the input's key, unchanged
 * @param value      the scored-record envelope; for a dead letter the original bytes unchanged, or null when they
 *                   were too large to write (see {@link DeadLetterHeaders#DROPPED_BYTES})
 * @param headers    the input's own headers (minus any of this library's), plus the dead-letter headers
 * @param deadLetter what the dead-letter headers say; null for a scored record
 */
public record OutputRecord(String topic, byte[] key, byte[] value, Headers headers, DeadLetter deadLetter) {

    public OutputRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(headers, "headers");
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }

    /** Bytes the record takes on the wire, roughly: key, value and headers. */
    public int size() {
        int size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (var header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
