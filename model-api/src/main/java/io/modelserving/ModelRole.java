package io.modelserving;

import java.util.Locale;

/**
 * How a model serves its data type. Besides the one primary model, a data type may have one shadow, one canary
 * and one ensemble at the same time, each deployed, promoted and retired on its own; the primary that a promotion
 * replaced may be kept, unloaded, for a rollback.
 *
 * <ul>
 *   <li>{@link #PRIMARY}: scores every record that no canary takes.</li>
 *   <li>{@link #SHADOW}: scores every record beside the model that serves it, off the record's path and within
 *   a deadline; its result is recorded and compared, never served.</li>
 *   <li>{@link #CANARY}: serves a stable share of the keys, chosen by key hash, instead of the primary.</li>
 *   <li>{@link #PREVIOUS}: serves nothing and is never loaded: the primary that the last promotion replaced, kept
 *   on the model topic so that a rollback can publish it as the primary again.</li>
 * </ul>
 *
 * <p>On a model topic each role of a data type has its own key ({@link #topicKey}), so compaction keeps the
 * newest message of every role.
 */
public enum ModelRole {
    PRIMARY, SHADOW, CANARY, PREVIOUS, ENSEMBLE;

    /** Separates a data type from its role in a model-topic key: {@code wine:shadow}. */
    public static final char KEY_SEPARATOR = ':';

    /** The role's name in keys, the wire format and command lines: {@code primary}, {@code shadow}, and so on. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a model in this role is loaded and scores records: all but {@link #PREVIOUS}. */
    public boolean serves() {
        return this != PREVIOUS;
    }

    /**
     * The model-topic key of this role's model of {@code dataType}: the data type itself for the primary (as in
     * the original tutorial), {@code dataType:shadow}, {@code dataType:canary}, {@code dataType:previous} or
     * {@code dataType:ensemble} otherwise.
     */
    public String topicKey(String dataType) {
        return this == PRIMARY ? dataType : dataType + KEY_SEPARATOR + label();
    }

    /**
     * The role named by {@code label}, case aside.
     *
     * @throws IllegalArgumentException naming the label and the roles there are
     */
    public static ModelRole of(String label) {
        for (ModelRole role : values()) {
            if (role.label().equalsIgnoreCase(label.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown model role '" + label
                + "'; roles: primary, shadow, canary, previous, ensemble");
    }
}
