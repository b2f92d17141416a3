package io.modelserving.kafka;

import java.util.Locale;

/**
 * How often each data record's output (scored record or dead letter) is written if the service crashes.
 *
 * <p>Each adapter documents which ones it supports and its default: Kafka Streams offers
 * {@link #AT_LEAST_ONCE} and {@link #EXACTLY_ONCE}; Akka Streams all three.
 *
 * <pre>{@code
 * DeliveryGuarantee guarantee = DeliveryGuarantee.parse("exactly_once");
 * }</pre>
 */
public enum DeliveryGuarantee {
    /**
     * Offsets are committed before processing: a crash, or a rebalance that moves a partition away, may lose the
     * records in flight. Each instance writes a record's output at most once. Across a rebalance, an output whose
     * partition was revoked before it reached the producer is dropped (the partition's new owner may already have
     * read the record); one already handed to the producer when the revocation lands can still be written by both
     * instances, a window as wide as a batch in flight.
     */
    AT_MOST_ONCE,
    /** Offsets are committed after the output is acknowledged: a crash may duplicate output, never loses it. */
    AT_LEAST_ONCE,
    /** Output and offsets are committed in one Kafka transaction: read with {@code read_committed}. */
    EXACTLY_ONCE;

    /**
     * Parses a name, case-insensitively, accepting {@code -} for {@code _} and Kafka's
     * {@code exactly_once_v2}.
     *
     * @throws IllegalArgumentException naming the value when it is none of them
     */
    public static DeliveryGuarantee parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Unknown delivery guarantee 'null'");
        }
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.equals("EXACTLY_ONCE_V2")) {
            return EXACTLY_ONCE;
        }
        for (DeliveryGuarantee guarantee : values()) {
            if (guarantee.name().equals(name)) {
                return guarantee;
            }
        }
        throw new IllegalArgumentException("Unknown delivery guarantee '" + text
                + "': use at_most_once, at_least_once or exactly_once");
    }
}
