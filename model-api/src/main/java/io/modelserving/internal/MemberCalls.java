package io.modelserving.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The threads ensemble members score on. Each member may have at most a fixed number of calls running; a member
 * that holds them all (slow, or hung) is not asked again until one returns, so it can neither pile up threads nor
 * take them from the other members. The threads are therefore bounded by the members' calls in all.
 */
public final class MemberCalls implements AutoCloseable {

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "modelserving-ensemble");
        thread.setDaemon(true);
        return thread;
    });
    private final int callsPerMember;

    public MemberCalls(int callsPerMember) {
        this.callsPerMember = callsPerMember;
    }

    /**
     * Runs {@code call} for {@code member} on a thread of its own; null when the member already has as many calls
     * running as it may, or has been closed (then {@code call} never runs). The call holds a reference of its own
     * on the member: a batch that stops waiting for it does not close the model under it.
     */
    public <T> CompletableFuture<T> submit(ServedModel<?, ?> member, Supplier<T> call) {
        if (!member.startCall(callsPerMember)) {
            return null;
        }
        if (!member.acquire()) {
            member.endCall();
            return null;
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return call.get();
                } finally {
                    member.endCall();
                    member.release();
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            member.endCall();
            member.release();
            return null;
        }
    }

    /** Stops taking calls; calls running finish on their own (a model call is never interrupted). */
    @Override
    public void close() {
        executor.shutdown();
    }
}
