package io.modelserving.akka.internal;

import io.modelserving.ModelDescriptor;
import java.util.Objects;

/** What the model inlet of {@link ServingStage} receives: a model to load, or the end of the restore phase. */
public sealed interface ModelEvent {

    /**
     * A model to load. {@code tag} rides along untouched to the update listener (the Kafka wiring puts the
     * consumed record there, to dead-letter a rejected model with its original bytes).
     */
    record Load(ModelDescriptor descriptor, Object tag) implements ModelEvent {
        public Load {
            Objects.requireNonNull(descriptor, "descriptor");
        }
    }

    /** Stop serving a data type (a tombstone on the model topic). */
    record Remove(String dataType) implements ModelEvent {
        public Remove {
            Objects.requireNonNull(dataType, "dataType");
        }
    }

    /** Every model that existed when the stream started has been offered: data may flow. */
    record Restored() implements ModelEvent {
    }

    static ModelEvent load(ModelDescriptor descriptor) {
        return new Load(descriptor, null);
    }

    static ModelEvent restored() {
        return new Restored();
    }
}
