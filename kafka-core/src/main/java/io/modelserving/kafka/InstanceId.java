package io.modelserving.kafka;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable identity of one serving instance of an application, kept across its restarts (a pod name of a
 * StatefulSet, a host name, {@code scorer-1}).
 *
 * <p>Both adapters turn it into Kafka's static group membership ({@code group.instance.id}): a restarted instance
 * takes its data partitions back at once, without a rebalance and without waiting for the session timeout of its
 * dead predecessor. Where there are transactions, it also makes the transactional id stable, so the restarted
 * instance fences its predecessor and aborts its open transaction at once instead of after the transaction
 * timeout.
 *
 * <p>The price: an instance that is gone for good keeps its partitions until its session times out
 * ({@code session.timeout.ms}, 45 s by default). Pick that timeout longer than a restart takes and as short as the
 * pause you accept when an instance dies and does not come back. A clean stop leaves the group at once.
 *
 * <p>Two live instances of one application must never share an identity: the second one fences the first.
 *
 * <pre>{@code
 * InstanceId id = InstanceId.of(System.getenv("HOSTNAME"));   // e.g. "scorer-1" in a StatefulSet
 * }</pre>
 *
 * @param value letters, digits, {@code .}, {@code _} and {@code -}, at most {@value #MAX_LENGTH} characters
 */
public record InstanceId(String value) {

    /** The longest identity: Kafka allows 249 characters, and the adapters add suffixes. */
    public static final int MAX_LENGTH = 200;

    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]+");

    /** @throws IllegalArgumentException naming the value when it is blank, too long or has other characters */
    public InstanceId {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_LENGTH || !LEGAL.matcher(value).matches()) {
            throw new IllegalArgumentException("instance id must be 1 to " + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', was '" + value + "'");
        }
    }

    /** The identity {@code value}; see {@link #InstanceId(String)}. */
    public static InstanceId of(String value) {
        return new InstanceId(value);
    }

    /**
     * The transactional id of this instance's producer: {@code prefix-value}, the same after every restart, and
     * different for every instance of the application.
     */
    public String transactionalId(String prefix) {
        return prefix + "-" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
