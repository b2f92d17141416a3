package io.modelserving.kafka;

import io.modelserving.EnsembleResult;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.kafka.internal.AllListeners;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Told of every serving event, whichever engine runs the service: each scoring outcome, each shadow result and
 * ensemble decision, each dead letter written (data or model), each model update. Metrics bind here (the HTTP
 * module's {@code ServingMetrics} is one listener); so can logs or alerts. Called on the engine's and the model
 * loader's threads: implementations must be thread-safe and quick, and should not throw (what they throw is logged
 * and ignored).
 *
 * <pre>{@code
 * ServingListener alerts = new ServingListener() {
 *     public void deadLettered(DeadLetter letter) {
 *         if (letter.kind() == DeadLetterKind.MODEL_REJECTED) pager.send(letter.reason());
 *     }
 * };
 * settings.withListener(ServingListener.all(metrics, alerts));   // where an adapter takes one listener
 * }</pre>
 */
public interface ServingListener {

    /** A listener that ignores everything. */
    ServingListener NONE = new ServingListener() {
    };

    /** A data record was scored, failed or found no model. */
    default void scored(ScoringResult<?> result) {
    }

    /**
     * A data type's shadow model scored (or failed, or missed its deadline on) a record another model served;
     * told after {@link #scored} for the same record.
     */
    default void shadowed(ShadowResult<?> shadow) {
    }

    /**
     * A data type's ensemble decided a record: which member's answer was served, and what every member did; told
     * after {@link #scored} for the same record.
     */
    default void ensembleDecided(EnsembleResult decision) {
    }

    /**
     * Tells this listener of a record served: {@link #scored}, then {@link #shadowed} and {@link #ensembleDecided}
     * when the record has a shadow result or an ensemble's decision. What engines call for each record they serve.
     */
    default void served(ScoredRecord<?, ?> record) {
        scored(record.result());
        if (record.shadow() != null) {
            shadowed(record.shadow());
        }
        if (record.ensemble() != null) {
            ensembleDecided(record.ensemble());
        }
    }

    /** A record (data or model message) goes to the dead-letter topic. */
    default void deadLettered(DeadLetter letter) {
    }

    /** A model was offered to the processor, with the outcome. */
    default void modelUpdated(ModelUpdate update) {
    }

    /**
     * This listener as a {@code type}, or the first listener of that type that it tells (see {@link #all}); empty
     * when there is none. An adapter finds this way, say, the metrics' registry behind a combined listener.
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /**
     * One listener telling each of {@code listeners} of every event, in the order given; each is
     * {@linkplain #guarded guarded}, so one that throws keeps the event from none of the others.
     */
    static ServingListener all(ServingListener... listeners) {
        return new AllListeners(List.of(listeners));
    }

    /** {@code listener}, with whatever it throws logged and ignored, so that no listener can stop serving. */
    static ServingListener guarded(ServingListener listener) {
        return new ServingListener() {
            @Override
            public <T> Optional<T> unwrap(Class<T> type) {
                return listener.unwrap(type);
            }

            @Override
            public void scored(ScoringResult<?> result) {
                run(() -> listener.scored(result));
            }

            @Override
            public void shadowed(ShadowResult<?> shadow) {
                run(() -> listener.shadowed(shadow));
            }

            @Override
            public void ensembleDecided(EnsembleResult decision) {
                run(() -> listener.ensembleDecided(decision));
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
