package io.modelserving.kafka;

import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import org.slf4j.LoggerFactory;

/**
 * Told of every serving event, whichever engine runs the service: each scoring outcome, each dead letter written
 * (data or model), each model update. Metrics bind here (the HTTP module's {@code ServingMetrics} is one
 * listener); so can logs or alerts. Called on the engine's and the model loader's threads: implementations must
 * be thread-safe and quick, and should not throw (what they throw is logged and ignored).
 *
 * <pre>{@code
 * ServingListener alerts = new ServingListener() {
 *     public void deadLettered(DeadLetter letter) {
 *         if (letter.kind() == DeadLetterKind.MODEL_REJECTED) pager.send(letter.reason());
 *     }
 * };
 * }</pre>
 */
public interface ServingListener {

    /** A listener that ignores everything. */
    ServingListener NONE = new ServingListener() {
    };

    /** A data record was scored, failed or found no model. */
    default void scored(ScoringResult<?> result) {
    }

    /** A record (data or model message) goes to the dead-letter topic. */
    default void deadLettered(DeadLetter letter) {
    }

    /** A model was offered to the processor, with the outcome. */
    default void modelUpdated(ModelUpdate update) {
    }

    /** {@code listener}, with whatever it throws logged and ignored, so that no listener can stop serving. */
    static ServingListener guarded(ServingListener listener) {
        return new ServingListener() {
            @Override
            public void scored(ScoringResult<?> result) {
                run(() -> listener.scored(result));
            }

            @Override
            public void deadLettered(DeadLetter letter) {
                run(() -> listener.deadLettered(letter));
            }

            @Override
            public void modelUpdated(ModelUpdate update) {
                run(() -> listener.modelUpdated(update));
            }

            private void run(Runnable event) {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(ServingListener.class).warn("A serving listener failed", e);
                }
            }
        };
    }
}
