package io.modelserving.kafka.internal;

import io.modelserving.ModelServingException;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;

/** Decoding that never throws: a codec that throws, or returns nothing, gives a failure with the reason. */
public final class SafeDecoding {

    private SafeDecoding() {
    }

    public static <T> Decoded<T> decode(RecordCodec<T> codec, byte[] bytes) {
        try {
            Decoded<T> decoded = codec.decode(bytes);
            return decoded == null ? Decoded.failure("the codec returned nothing") : decoded;
        } catch (RuntimeException e) {
            return Decoded.failure("decoding failed: " + ModelServingException.reasonOf(e));
        }
    }
}
