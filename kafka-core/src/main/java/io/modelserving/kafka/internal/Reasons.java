package io.modelserving.kafka.internal;

/** A one-line reason for a dead letter, from what a codec or listener threw. */
public final class Reasons {

    private Reasons() {
    }

    public static String of(Throwable t) {
        String message = t.getMessage();
        String reason = t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return reason.replace('\n', ' ').replace('\r', ' ');
    }
}
