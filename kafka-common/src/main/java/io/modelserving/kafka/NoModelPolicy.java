package io.modelserving.kafka;

import java.time.Duration;

/**
 * What happens to a data record whose data type has no model yet.
 *
 * <p>The default is {@link #WAIT} for {@link #DEFAULT_WAIT_TIMEOUT}: at start-up, data and the first model
 * usually arrive together (or the model is still being restored and loaded), and a short wait scores those
 * records instead of dead-lettering them. A record that waits in vain is still never dropped: it goes to the
 * dead-letter topic with kind {@code no-model}.
 *
 * <pre>{@code
 * config.withNoModelPolicy(NoModelPolicy.DEAD_LETTER);              // fail fast
 * config.withNoModelPolicy(NoModelPolicy.WAIT, Duration.ofSeconds(10));
 * }</pre>
 */
public enum NoModelPolicy {
    /** Hold the record until a model for its data type arrives, up to a timeout, then dead-letter it. */
    WAIT,
    /** Dead-letter the record at once with kind {@code no-model}. */
    DEAD_LETTER;

    /** The default policy. */
    public static final NoModelPolicy DEFAULT = WAIT;

    /** How long {@link #WAIT} holds a record by default. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(30);

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
