package io.modelserving.kafka.internal;

import io.modelserving.EnsembleResult;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.ServingListener;
import java.util.List;
import java.util.Optional;

/** What {@link ServingListener#all} returns: each event to every listener, each guarded on its own. */
public final class AllListeners implements ServingListener {

    private final List<ServingListener> listeners;
    private final ServingListener[] guarded;

    public AllListeners(List<ServingListener> listeners) {
        this.listeners = List.copyOf(listeners);
        // An array, not a list: scored() runs for every record, and a loop over an array allocates nothing.
        this.guarded = this.listeners.stream().map(ServingListener::guarded).toArray(ServingListener[]::new);
    }

    @Override
    public void scored(ScoringResult<?> result) {
        for (ServingListener listener : guarded) {
            listener.scored(result);
        }
    }

    @Override
    public void shadowed(ShadowResult<?> shadow) {
        for (ServingListener listener : guarded) {
            listener.shadowed(shadow);
        }
    }

    @Override
    public void ensembleDecided(EnsembleResult decision) {
        for (ServingListener listener : guarded) {
            listener.ensembleDecided(decision);
        }
    }

    @Override
    public void deadLettered(DeadLetter letter) {
        for (ServingListener listener : guarded) {
            listener.deadLettered(letter);
        }
    }

    @Override
    public void modelUpdated(ModelUpdate update) {
        for (ServingListener listener : guarded) {
            listener.modelUpdated(update);
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return Optional.of(type.cast(this));
        }
        for (ServingListener listener : listeners) {
            Optional<T> found = listener.unwrap(type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
