package io.modelserving;

/** The root of the library's unchecked exceptions. */
public class ModelServingException extends RuntimeException {

    public ModelServingException(String message) {
        super(message);
    }

    public ModelServingException(String message, Throwable cause) {
        super(message, cause);
    }
}
