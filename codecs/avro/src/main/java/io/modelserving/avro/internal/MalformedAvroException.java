package io.modelserving.avro.internal;

import java.io.IOException;

/**
 * Bytes that are not Avro's binary encoding: the payload ends too soon, a number is badly encoded, or a length or
 * item count is more than the remaining bytes can hold. The message says what was read and at which byte.
 */
public final class MalformedAvroException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedAvroException(String message) {
        super(message);
    }
}
