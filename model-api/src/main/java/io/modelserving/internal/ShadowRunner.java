package io.modelserving.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The threads shadow models score on, off the records' path. Bounded and never queueing: when every thread is
 * still busy (a slow or hung shadow), a new call is refused at once and its records are counted as skipped, so
 * a shadow can neither pile up work nor hold a record back.
 */
public final class ShadowRunner implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    public ShadowRunner(int threads) {
        this.executor = new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "modelserving-shadow");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Runs {@code call} on a free shadow thread; null when none is free (then {@code call} never runs). */
    public <T> CompletableFuture<T> submit(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, executor);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Stops taking calls; calls running finish on their own (a model call is never interrupted). */
    @Override
    public void close() {
        executor.shutdown();
    }
}
