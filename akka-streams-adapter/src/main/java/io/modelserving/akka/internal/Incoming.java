package io.modelserving.akka.internal;

import io.modelserving.ScoredRecord;
import io.modelserving.codec.Decoded;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumed data record, decoded (or not), with its context (the offset to commit, or nothing). */
public record Incoming<I, C>(ConsumerRecord<byte[], byte[]> record, Decoded<I> decoded, C context) {

    public ScoredRecord.Origin origin() {
        return new ScoredRecord.Origin(record.topic(), record.partition(), record.offset(), record.timestamp());
    }
}
