package io.modelserving;

import java.util.Objects;

/**
 * A data type and a role: what a model-topic key names. {@link #parse} reads a key the way
 * {@link ModelRole#topicKey} writes it, so a tombstone retires exactly the model of its key.
 *
 * @param dataType the data type
 * @param role     the role of the model within it
 */
public record ModelSlotKey(String dataType, ModelRole role) {

    public ModelSlotKey {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(role, "role");
    }

    /** The key on the model topic. */
    public String topicKey() {
        return role.topicKey(dataType);
    }

    /**
     * The slot a model-topic key names: {@code wine:shadow} and {@code wine:canary} name a role of data type
     * {@code wine}; any other key, {@code wine} or {@code a:b} alike, names the primary model of a data type of that
     * name.
     */
    public static ModelSlotKey parse(String key) {
        int separator = key.lastIndexOf(ModelRole.KEY_SEPARATOR);
        if (separator > 0) {
            String suffix = key.substring(separator + 1);
            for (ModelRole role : ModelRole.values()) {
                if (role != ModelRole.PRIMARY && role.label().equals(suffix)) {
                    return new ModelSlotKey(key.substring(0, separator), role);
                }
            }
        }
        return new ModelSlotKey(key, ModelRole.PRIMARY);
    }

    @Override
    public String toString() {
        return topicKey();
    }
}
