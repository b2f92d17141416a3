package io.modelserving.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveInstancesTest {

    private static final long NOW = Instant.parse("2026-11-30T12:00:00Z").toEpochMilli();
    private static final URI A = URI.create("http://a:1");
    private static final URI B = URI.create("http://b:1");

    private final LiveInstances live = new LiveInstances(Duration.ofSeconds(30));

    private static Announcement at(URI uri, long millis) {
        return new Announcement(uri, Instant.ofEpochMilli(millis));
    }

    @Test
    void anInstanceIsLiveUntilTheStalenessBoundAfterItWasLastHeard() {
        live.heard("a", at(A, NOW), false, NOW);
        assertThat(live.live(NOW + 30_000)).containsEntry("a", A);
        assertThat(live.live(NOW + 30_001)).isEmpty();

        live.heard("a", at(A, NOW + 20_000), false, NOW + 20_000);
        assertThat(live.live(NOW + 45_000)).as("heard again").containsEntry("a", A);
    }

    @Test
    void aLiveAnnouncementCountsByTheReadersClockWhateverThePeersClockSays() {
        live.heard("a", at(A, NOW - 3_600_000), false, NOW);
        assertThat(live.live(NOW + 1_000)).containsEntry("a", A);
    }

    @Test
    void historyCountsWhenItWasAnnouncedButNeverLaterThanNow() {
        live.heard("gone", at(A, NOW - 60_000), true, NOW);
        live.heard("recent", at(B, NOW - 10_000), true, NOW);
        assertThat(live.live(NOW)).containsOnlyKeys("recent");
        assertThat(live.live(NOW + 20_001)).isEmpty();

        live.heard("ahead", at(A, NOW + 3_600_000), true, NOW);
        assertThat(live.live(NOW + 30_001)).as("a clock ahead keeps it no longer than the bound").isEmpty();
    }

    @Test
    void aTombstoneRemovesAtOnceAndExpireDropsTheStale() {
        live.heard("a", at(A, NOW), false, NOW);
        live.heard("b", at(B, NOW), false, NOW + 10_000);
        live.gone("a");
        assertThat(live.live(NOW)).containsOnlyKeys("b");
        live.expire(NOW + 40_001);
        live.heard("c", at(A, NOW), false, NOW + 40_001);
        assertThat(live.live(NOW + 40_001)).containsOnlyKeys("c");
    }

    @Test
    void newNamesBeyondTheCapAreRefusedKnownOnesStillUpdate() {
        for (int i = 0; i < LiveInstances.MAX_ENTRIES; i++) {
            assertThat(live.heard("i" + i, at(A, NOW), false, NOW)).isTrue();
        }
        assertThat(live.heard("one-more", at(A, NOW), false, NOW)).isFalse();
        assertThat(live.heard("i0", at(B, NOW), false, NOW)).isTrue();
        assertThat(live.live(NOW)).hasSize(LiveInstances.MAX_ENTRIES).containsEntry("i0", B);
    }
}
