package io.modelserving.internal;

import io.modelserving.ModelServingException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model load on its own daemon thread and waits for it at most a deadline, so a hung factory cannot
 * hold its caller forever.
 *
 * <p>A load that misses the deadline is abandoned, not interrupted: if it ever finishes, the loading thread
 * closes what it made, and the caller never sees it.
 */
public final class DeadlineLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineLoader.class);

    private DeadlineLoader() {
    }

    /**
     * The result of {@code load}, or its exception.
     *
     * @param what    names the load in the thread name and the timeout message, e.g. {@code "model m1:3"}
     * @throws ModelServingException when the load takes longer than {@code timeout}, or the caller is interrupted
     */
    public static <T extends AutoCloseable> T load(Callable<T> load, Duration timeout, String what) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> run(load, result, what), "modelserving-load-" + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            ModelServingException late = new ModelServingException("loading " + what + " took longer than " + timeout);
            if (result.completeExceptionally(late)) {
                throw late;
            }
            return join(result); // finished between the timeout and the abandonment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ModelServingException interrupted = new ModelServingException("interrupted while loading " + what);
            if (result.completeExceptionally(interrupted)) {
                throw interrupted;
            }
            return join(result);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static <T extends AutoCloseable> void run(Callable<T> load, CompletableFuture<T> result, String what) {
        T value;
        try {
            value = load.call();
        } catch (Throwable t) {
            result.completeExceptionally(t);
            return;
        }
        if (!result.complete(value) && value != null) {
            LOG.warn("Loading {} finished after its deadline; closing what it made", what);
            try {
                value.close();
            } catch (Exception e) {
                LOG.debug("Closing the late result of loading {} failed", what, e);
            }
        }
    }

    private static <T> T join(CompletableFuture<T> result) throws Exception {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static Exception unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
            return exception;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }

    private static long nanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
