package io.modelserving.kafka;

import io.modelserving.ScoredRecord;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record as an engine consumed it, handed to the {@link ServingCore}: key and value bytes, headers and where it
 * was read from.
 *
 * <pre>{@code
 * InputRecord in = new InputRecord(record.key(), record.value(), record.headers(),
 *         new ScoredRecord.Origin(record.topic(), record.partition(), record.offset(), record.timestamp()));
 * }</pre>
 *
 * @param key     the key bytes; may be null
 * @param value   the value bytes; null for a tombstone
 * @param headers the record's headers; carried over to its output
 * @param origin  topic, partition, offset and timestamp of the record
 */
public record InputRecord(byte[] key, byte[] value, Headers headers, ScoredRecord.Origin origin) {

    public InputRecord {
        headers = headers == null ? new RecordHeaders() : headers;
        Objects.requireNonNull(origin, "origin");
    }
}
