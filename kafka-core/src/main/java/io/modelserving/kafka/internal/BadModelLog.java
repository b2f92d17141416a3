package io.modelserving.kafka.internal;

import io.modelserving.kafka.OutputRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of bad model messages, waiting for the one writer of the application, in model-topic order.
 *
 * <p>Every instance reads every model message, but each bad one is dead-lettered once per application: the
 * engine picks one writer, which keeps how far it wrote per model-topic partition. A bad model is released to it
 * only when every earlier message of its partition has been decided, so progress is a plain offset per partition.
 * Entries are dropped once written, and capped by count and bytes (oldest first, with a warning) on instances
 * that never write.
 */
public final class BadModelLog {

    private static final Logger LOG = LoggerFactory.getLogger(BadModelLog.class);
    static final int MAX_ENTRIES = 1_000;
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * The dead letter of the model message at {@code offset} of model-topic {@code partition}, and the last
     * accepted model of its data type to publish again after it (null when none).
     */
    public record Entry(int partition, long offset, OutputRecord output, OutputRecord republish) {

        int size() {
            return output.size() + (republish == null ? 0 : republish.size());
        }
    }

    private final Map<Integer, TreeMap<Long, Entry>> bad = new HashMap<>();
    private final Map<Integer, TreeSet<Long>> undecided = new HashMap<>();
    private int entries;
    private long bytes;

    /** A model message whose outcome is not known yet (its load is queued or running). */
    public synchronized void pending(int partition, long offset) {
        undecided.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
    }

    /** The outcome of a message: its dead letter, or null when it became a model (or was superseded). */
    public synchronized void decided(int partition, long offset, OutputRecord deadLetter) {
        decided(partition, offset, deadLetter, null);
    }

    /** As {@link #decided(int, long, OutputRecord)}, with a model to publish again after the dead letter. */
    public synchronized void decided(int partition, long offset, OutputRecord deadLetter, OutputRecord republish) {
        TreeSet<Long> open = undecided.get(partition);
        if (open != null) {
            open.remove(offset);
        }
        if (deadLetter == null) {
            return;
        }
        Entry entry = new Entry(partition, offset, deadLetter, republish);
        bad.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, entry);
        entries++;
        bytes += entry.size();
        while (entries > MAX_ENTRIES || bytes > MAX_BYTES) {
            dropOldest();
        }
    }

    /** The dead letters past {@code written} (per partition) whose earlier messages are all decided. */
    public synchronized List<Entry> ready(ToLongFunction<Integer> written) {
        List<Entry> ready = new ArrayList<>();
        bad.forEach((partition, letters) -> {
            TreeSet<Long> open = undecided.get(partition);
            long limit = open == null || open.isEmpty() ? Long.MAX_VALUE : open.first();
            ready.addAll(letters.tailMap(written.applyAsLong(partition), false).headMap(limit, false).values());
        });
        ready.sort(Comparator.comparingInt(Entry::partition).thenComparingLong(Entry::offset));
        return ready;
    }

    /** Forgets the dead letters of {@code partition} up to {@code offset}: they have been written. */
    public synchronized void written(int partition, long offset) {
        TreeMap<Long, Entry> letters = bad.get(partition);
        if (letters == null) {
            return;
        }
        var done = letters.headMap(offset, true);
        done.values().forEach(entry -> bytes -= entry.size());
        entries -= done.size();
        done.clear();
    }

    private void dropOldest() {
        bad.values().stream().filter(letters -> !letters.isEmpty()).findFirst().ifPresent(letters -> {
            var oldest = letters.pollFirstEntry();
            entries--;
            bytes -= oldest.getValue().size();
            LOG.warn("Too many bad model messages waiting to be dead-lettered; dropped the one at offset {}: {}",
                    oldest.getKey(), oldest.getValue().output().deadLetter().reason());
        });
    }
}
