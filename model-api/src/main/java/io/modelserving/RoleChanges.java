package io.modelserving;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model-topic messages that change roles, in the order to publish them: what a promotion, a rollback or a
 * retirement is, whoever publishes it (an operator's command line, or a shadow's {@link PromotionRule}). Since the
 * newest message of each key decides what every instance serves after a restart, each change is ordinary
 * messages under the keys of the roles it touches.
 *
 * <pre>{@code
 * for (RoleChanges.Message message : RoleChanges.promotion(shadow, primary)) {
 *     producer.send(new ProducerRecord<>(modelTopic, message.key(), message.encoded()));
 * }
 * }</pre>
 */
public final class RoleChanges {

    private RoleChanges() {
    }

    /**
     * One model-topic message.
     *
     * @param key        the key ({@link ModelRole#topicKey})
     * @param descriptor the model; null for a tombstone, which retires the model of the key
     */
    public record Message(String key, ModelDescriptor descriptor) {

        public Message {
            Objects.requireNonNull(key, "key");
        }

        /** The message's value: the descriptor in the wire format, or null for a tombstone. */
        public byte[] encoded() {
            return descriptor == null ? null : io.modelserving.codec.Codecs.modelDescriptors().encode(descriptor);
        }
    }

    /**
     * Promotes {@code candidate} (a shadow or canary) to primary: the current primary, if any, becomes the previous
     * model (kept for a rollback, never loaded), then the candidate is published as the primary, which every
     * instance applies by moving the model it already holds.
     */
    public static List<Message> promotion(ModelDescriptor candidate, ModelDescriptor currentPrimary) {
        return replace(candidate, currentPrimary);
    }

    /**
     * Rolls back to {@code previous}: the current primary, if any, becomes the previous model (so the rollback can
     * itself be rolled back), then the previous model is published as the primary.
     */
    public static List<Message> rollback(ModelDescriptor previous, ModelDescriptor currentPrimary) {
        return replace(previous, currentPrimary);
    }

    /** Retires the model of {@code slot}: a tombstone under its key. */
    public static Message retirement(ModelSlotKey slot) {
        return new Message(slot.topicKey(), null);
    }

    private static List<Message> replace(ModelDescriptor next, ModelDescriptor current) {
        Objects.requireNonNull(next, "next");
        List<Message> messages = new ArrayList<>(2);
        if (current != null) {
            messages.add(in(current, ModelRole.PREVIOUS));
        }
        messages.add(in(next, ModelRole.PRIMARY));
        return messages;
    }

    private static Message in(ModelDescriptor model, ModelRole role) {
        return new Message(role.topicKey(model.dataType()), model.withRole(role, 0));
    }
}
