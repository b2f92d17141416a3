package io.modelserving.kafkastreams.internal;

import io.modelserving.ScoredRecord;
import io.modelserving.kafka.OutputRecord;

/**
 * A model-topic message that did not become a model, waiting to be written as a dead letter.
 *
 * @param origin where the message was read from (its offset orders and de-duplicates the dead letters)
 * @param key    the message key
 * @param output the dead letter to write
 */
public record BadModel(ScoredRecord.Origin origin, byte[] key, OutputRecord output) {
}
