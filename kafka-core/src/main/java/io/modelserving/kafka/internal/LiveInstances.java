package io.modelserving.kafka.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances heard of on the directory topic, each with when it was last heard of by this instance's clock.
 * An entry older than the staleness bound is not live, whether or not {@link #expire} has removed it yet.
 * Thread-safe: one thread writes, any thread reads.
 */
public final class LiveInstances {

    /** The most entries kept: a flood of names on the topic cannot grow memory without bound. */
    public static final int MAX_ENTRIES = 1_000;

    private record Entry(URI uri, long heardAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long staleAfterMillis;

    public LiveInstances(Duration staleAfter) {
        this.staleAfterMillis = staleAfter.toMillis();
    }

    /**
     * An announcement read at {@code nowMillis}. One read while catching up with the topic's history counts as
     * heard when it was announced (never later than now), so an entry of an instance long gone is not live even
     * for a moment; one read after that counts as heard now, so a peer's clock does not matter.
     *
     * @return false when the entry is new and {@link #MAX_ENTRIES} are live already
     */
    public boolean heard(String name, Announcement announcement, boolean history, long nowMillis) {
        long heardAt = history ? Math.min(nowMillis, announcement.announcedAt().toEpochMilli()) : nowMillis;
        if (!entries.containsKey(name) && entries.size() >= MAX_ENTRIES) {
            return false;
        }
        entries.put(name, new Entry(announcement.uri(), heardAt));
        return true;
    }

    /** A tombstone: the instance stopped cleanly. */
    public void gone(String name) {
        entries.remove(name);
    }

    /** Drops the entries that are no longer live. */
    public void expire(long nowMillis) {
        entries.values().removeIf(entry -> !live(entry, nowMillis));
    }

    /** The live instances at {@code nowMillis}: name to URI, by name. */
    public Map<String, URI> live(long nowMillis) {
        Map<String, URI> live = new TreeMap<>();
        entries.forEach((name, entry) -> {
            if (live(entry, nowMillis)) {
                live.put(name, entry.uri());
            }
        });
        return live;
    }

    public void clear() {
        entries.clear();
    }

    private boolean live(Entry entry, long nowMillis) {
        return nowMillis - entry.heardAtMillis() <= staleAfterMillis;
    }
}
