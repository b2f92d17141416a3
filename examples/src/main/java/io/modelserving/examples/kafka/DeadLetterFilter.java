package io.modelserving.examples.kafka;

import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which dead letters a replay takes. Every criterion left empty takes all; the given ones must all hold. Both ends
 * of each range are included.
 *
 * <pre>{@code
 * DeadLetterFilter noModelSinceNoon = DeadLetterFilter.all()
 *         .withKinds(Set.of(DeadLetterKind.NO_MODEL))
 *         .withTimes(Optional.of(Instant.parse("2026-11-30T12:00:00Z")), Optional.empty());
 * boolean take = noModelSinceNoon.matches(letter, record.offset(), record.timestamp());
 * }</pre>
 *
 * @param kinds          the kinds taken; empty for every kind
 * @param reasonContains text the reason must contain, ignoring case; empty for any reason
 * @param from           the earliest dead-letter record timestamp taken
 * @param to             the latest dead-letter record timestamp taken
 * @param fromOffset     the lowest dead-letter offset taken (in each partition of the dead-letter topic)
 * @param toOffset       the highest dead-letter offset taken
 */
public record DeadLetterFilter(Set<DeadLetterKind> kinds, Optional<String> reasonContains, Optional<Instant> from,
                               Optional<Instant> to, OptionalLong fromOffset, OptionalLong toOffset) {

    /**
     * @throws IllegalArgumentException naming the values when a range is empty or an offset is negative
     */
    public DeadLetterFilter {
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        reasonContains = reasonContains.filter(text -> !text.isEmpty());
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("--from " + from.get() + " is after --to " + to.get());
        }
        checkOffset("--from-offset", fromOffset);
        checkOffset("--to-offset", toOffset);
        if (fromOffset.isPresent() && toOffset.isPresent() && fromOffset.getAsLong() > toOffset.getAsLong()) {
            throw new IllegalArgumentException("--from-offset " + fromOffset.getAsLong() + " is after --to-offset "
                    + toOffset.getAsLong());
        }
    }

    /** Takes every dead letter. */
    public static DeadLetterFilter all() {
        return new DeadLetterFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty());
    }

    public DeadLetterFilter withKinds(Set<DeadLetterKind> value) {
        return new DeadLetterFilter(value, reasonContains, from, to, fromOffset, toOffset);
    }

    public DeadLetterFilter withReasonContaining(String text) {
        return new DeadLetterFilter(kinds, Optional.ofNullable(text), from, to, fromOffset, toOffset);
    }

    public DeadLetterFilter withTimes(Optional<Instant> earliest, Optional<Instant> latest) {
        return new DeadLetterFilter(kinds, reasonContains, earliest, latest, fromOffset, toOffset);
    }

    public DeadLetterFilter withOffsets(OptionalLong lowest, OptionalLong highest) {
        return new DeadLetterFilter(kinds, reasonContains, from, to, lowest, highest);
    }

    /** Whether the dead letter at {@code offset}, written at {@code timestampMillis}, is taken. */
    public boolean matches(DeadLetter letter, long offset, long timestampMillis) {
        if (!kinds.isEmpty() && !kinds.contains(letter.kind())) {
            return false;
        }
        if (reasonContains.isPresent() && !lower(letter.reason()).contains(lower(reasonContains.get()))) {
            return false;
        }
        if (from.isPresent() && timestampMillis < from.get().toEpochMilli()
                || to.isPresent() && timestampMillis > to.get().toEpochMilli()) {
            return false;
        }
        return (fromOffset.isEmpty() || offset >= fromOffset.getAsLong())
                && (toOffset.isEmpty() || offset <= toOffset.getAsLong());
    }

    /**
     * The kind a header value names, e.g. {@code no-model}.
     *
     * @throws IllegalArgumentException naming the value and the known ones when it is none
     */
    public static DeadLetterKind kind(String header) {
        return DeadLetterKind.fromHeader(header).orElseThrow(() -> new IllegalArgumentException(
                "unknown dead-letter kind '" + header + "': use one of " + Arrays.stream(DeadLetterKind.values())
                        .map(DeadLetterKind::header).collect(Collectors.joining(", "))));
    }

    /**
     * An ISO-8601 instant, e.g. {@code 2026-11-30T12:00:00Z}.
     *
     * @throws IllegalArgumentException naming the option and the value when it is none
     */
    public static Instant instant(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 instant such as 2026-11-30T12:00:00Z, "
                    + "was '" + text + "'");
        }
    }

    private static void checkOffset(String option, OptionalLong offset) {
        Objects.requireNonNull(offset, option);
        if (offset.isPresent() && offset.getAsLong() < 0) {
            throw new IllegalArgumentException(option + " must not be negative, was " + offset.getAsLong());
        }
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
