package io.modelserving.akka.internal.kafka;

import io.modelserving.kafka.InputRecord;
import java.util.Objects;

/** What the model inlet of the serving stage receives from the model topic. */
public sealed interface ModelEvent {

    /** A message of the model topic, for the core to classify and apply. */
    record Message(InputRecord record) implements ModelEvent {
        public Message {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Every message that existed when the stream started has been read: what follows is live. */
    record RestoreEnd() implements ModelEvent {
    }
}
