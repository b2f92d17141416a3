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
    /** Offsets are committed before processing: a crash may lose records, never duplicates them. */
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
