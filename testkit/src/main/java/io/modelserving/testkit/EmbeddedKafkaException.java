package io.modelserving.testkit;

import io.modelserving.ModelServingException;

/**
 * A broker or one of its helpers failed: the broker did not start, a topic could not be created, a record
 * could not be written, or records did not arrive in time.
 *
 * <pre>{@code
 * try {
 *     kafka.createTopic("scores", 3);
 * } catch (EmbeddedKafkaException e) {
 *     fail("no topic: " + e.getMessage());
 * }
 * }</pre>
 */
public class EmbeddedKafkaException extends ModelServingException {

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
