package io.modelserving.kafka;

import io.modelserving.codec.Decoded;

/**
 * A consumed data record after {@link RecordServing#decode}: the input, its decoded value (or why it does not
 * decode) and its data type (null when unknown). Engines hold it while it waits to be scored.
 *
 * @param input    the record as consumed
 * @param decoded  the value, or the failure
 * @param dataType the record's data type; null when it does not decode or names none
 * @param <I> the record type
 */
public record DecodedRecord<I>(InputRecord input, Decoded<I> decoded, String dataType) {
}
