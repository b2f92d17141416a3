package io.modelserving.kafka;

import io.modelserving.ModelServingException;

/** Thrown by {@link CodecSerdes#deserializer} when bytes do not decode; the message is the codec's reason. */
public class UndecodableRecordException extends ModelServingException {

    public UndecodableRecordException(String message) {
        super(message);
    }
}
