package io.modelserving.kafka;

import java.time.Duration;
import java.util.Locale;

/**
 * What happens to a data record whose data type has no model.
 *
 * <p>Whatever the policy, a record never waits for a model nobody has published: a record of a data type with no
 * model, and no model message of that type loading right now, is dead-lettered at once with kind
 * {@code no-model}. Waiting only ever covers two cases: the start-up restore of the model topic (no record is
 * scored before the models published so far are loaded, under either policy), and, under {@link #WAIT}, a data
 * type whose model message has arrived and is loading right now, for at most the wait timeout. A record that
 * waits in vain is still never dropped: it goes to the dead-letter topic with kind {@code no-model}, and records
 * of that data type stop waiting for the same load.
 *
 * <pre>{@code
 * config.withNoModelPolicy(NoModelPolicy.DEAD_LETTER);              // never wait once restored
 * config.withNoModelPolicy(NoModelPolicy.WAIT).withNoModelWait(Duration.ofSeconds(10));
 * }</pre>
 */
public enum NoModelPolicy {
    /** Hold a record whose data type's first model is loading right now until it is in, up to a timeout. */
    WAIT,
    /** Once the restored models are loaded, dead-letter a record without a model at once. */
    DEAD_LETTER;

    /** The default policy. */
    public static final NoModelPolicy DEFAULT = WAIT;

    /** How long {@link #WAIT} holds a record by default. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Parses a name, case-insensitively, accepting {@code -} for {@code _}: {@code wait}, {@code dead-letter}.
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static NoModelPolicy parse(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (NoModelPolicy policy : values()) {
            if (policy.name().equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unknown no-model policy '" + text + "': use wait or dead-letter");
    }

    /**
     * Checks a wait timeout.
     *
     * @throws IllegalArgumentException naming the value when it is null, zero or negative
     */
    public static Duration checkWaitTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("no-model wait timeout must be positive, was " + timeout);
        }
        return timeout;
    }
}
