package io.modelserving;

/** The root of the library's unchecked exceptions. */
public class ModelServingException extends RuntimeException {

    public ModelServingException(String message) {
        super(message);
    }

    public ModelServingException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A one-line reason for any failure, as failure values, dead letters and HTTP errors show it: the exception's
     * simple class name and message, and its cause when the message does not already say it.
     *
     * <pre>{@code
     * Decoded.failure("decoding failed: " + ModelServingException.reasonOf(e));
     * }</pre>
     */
    public static String reasonOf(Throwable t) {
        return io.modelserving.internal.Failures.reason(t);
    }
}
