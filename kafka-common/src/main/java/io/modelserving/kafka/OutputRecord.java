package io.modelserving.kafka;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record to write for one input: a scored record for the scored topic, or a dead letter.
 *
 * <p>The key is not part of it: adapters keep the input's key.
 *
 * <pre>{@code
 * OutputRecord out = router.route(scored, originalBytes);
 * producer.send(new ProducerRecord<>(out.topic(), null, key, out.value(), out.headers()));
 * }</pre>
 *
 * @param topic      where to write it
 * @param value      the scored-record envelope, or for a dead letter the original bytes unchanged
 * @param deadLetter the dead-letter headers; null for a scored record
 */
public record OutputRecord(String topic, byte[] value, DeadLetter deadLetter) {

    public boolean isDeadLetter() {
        return deadLetter != null;
    }

    /** New headers for this record: the dead-letter headers, or none for a scored record. */
    public Headers headers() {
        return deadLetter == null ? new RecordHeaders() : deadLetter.toHeaders();
    }
}
