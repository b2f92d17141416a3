package io.modelserving.akka.internal.stage;

import akka.Done;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The materialized value of {@link ServingStage}: when the models were restored and data started to flow. */
public final class StageHandle {

    private final CompletableFuture<Done> restored = new CompletableFuture<>();

    /** Completes when the restore phase has ended; never completes if the stage stops before that. */
    public CompletionStage<Done> restored() {
        return restored;
    }

    void markRestored() {
        restored.complete(Done.getInstance());
    }

    void markStopped(Throwable cause) {
        if (!restored.isDone()) {
            restored.completeExceptionally(cause);
        }
    }
}
