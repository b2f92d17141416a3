package io.modelserving.internal;

/** Turns a throwable into a one-line reason for a failure value, a dead letter or a log line. */
public final class Failures {

    private Failures() {
    }

    public static String reason(Throwable t) {
        String message = t.getMessage();
        String reason = t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        Throwable cause = t.getCause();
        if (cause != null && cause != t && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            reason += " (caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return reason.replace('\n', ' ').replace('\r', ' ');
    }

    /** Rethrows a throwable the service must not survive (a JVM error other than out-of-memory). */
    public static void rethrowIfFatal(Throwable t) {
        if (!isSurvivable(t)) {
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Errors a per-record or per-model failure may raise and the service should survive. */
    public static boolean isSurvivable(Throwable t) {
        return t instanceof Exception || t instanceof LinkageError || t instanceof OutOfMemoryError
                || t instanceof StackOverflowError || t instanceof AssertionError;
    }
}
