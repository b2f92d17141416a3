package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.ModelInfo;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServingActivityTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:03Z");   // 3 s into a bucket
    private static final ModelInfo M1 = new ModelInfo("m1", "2", "onnx", "wine", "", T0);

    private final MutableClock clock = new MutableClock(T0);
    private final ServingActivity activity = new ServingActivity(clock);

    @Test
    void theSeriesIsTheWholeWindowOfTenSecondBucketsOldestFirst() {
        ActivitySnapshot snapshot = activity.snapshot();

        assertThat(snapshot.now()).isEqualTo(T0);
        assertThat(snapshot.bucket()).isEqualTo(Duration.ofSeconds(10));
        assertThat(snapshot.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(snapshot.series()).hasSize(60);
        assertThat(snapshot.series().get(59).start()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(snapshot.series().get(0).start()).isEqualTo(Instant.parse("2026-03-01T09:50:10Z"));
        for (int i = 1; i < 60; i++) {
            assertThat(Duration.between(snapshot.series().get(i - 1).start(), snapshot.series().get(i).start()))
                    .isEqualTo(Duration.ofSeconds(10));
        }
        assertThat(snapshot.series()).allSatisfy(bucket -> {
            assertThat(bucket.scored() + bucket.failed() + bucket.noModel()).isZero();
            assertThat(bucket.deadLetters()).isEmpty();
            assertThat(bucket.p50()).isEmpty();
            assertThat(bucket.p99()).isEmpty();
        });
    }

    @Test
    void eventsAreCountedInTheBucketOfTheirTime() {
        activity.scored(scored(1_000));
        activity.scored(scored(2_000));
        activity.scored(new ScoringResult.Failed<>("wine", "model threw", M1, 3_000));
        activity.scored(new ScoringResult.Failed<>("", "record has no data type", null, 0));
        activity.scored(new ScoringResult.NoModel<>("beer"));
        activity.deadLettered(DeadLetter.of(DeadLetterKind.NO_MODEL, "none", "data", 0, 1));
        activity.deadLettered(DeadLetter.of(DeadLetterKind.NO_MODEL, "none", "data", 0, 2));
        activity.deadLettered(DeadLetter.of(DeadLetterKind.DATA_UNDECODABLE, "garbage", "data", 0, 3));
        clock.advance(Duration.ofSeconds(25));   // 10:00:28, two buckets on
        activity.scored(new ScoringResult.NoModel<>("beer"));
        activity.deadLettered(DeadLetter.of(DeadLetterKind.MODEL_REJECTED, "bad", "models", 0, 4));

        List<ActivitySnapshot.Bucket> series = activity.snapshot().series();

        ActivitySnapshot.Bucket first = series.get(57);
        assertThat(first.start()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(first.scored()).isEqualTo(2);
        assertThat(first.failed()).isEqualTo(2);
        assertThat(first.noModel()).isEqualTo(1);
        assertThat(first.deadLetters()).containsExactly(Map.entry("data-undecodable", 1L), Map.entry("no-model", 2L));
        assertThat(series.get(58).scored() + series.get(58).failed() + series.get(58).noModel()).isZero();
        ActivitySnapshot.Bucket last = series.get(59);
        assertThat(last.start()).isEqualTo(Instant.parse("2026-03-01T10:00:20Z"));
        assertThat(last.noModel()).isEqualTo(1);
        assertThat(last.scored()).isZero();
        assertThat(last.deadLetters()).containsExactly(Map.entry("model-rejected", 1L));
        assertThat(last.p50()).isEmpty();
    }

    @Test
    void percentilesOfEachBucketAreWithinTheHistogramsPrecision() {
        // Timed: what scored and what failed on a model (not a failure before any model ran, timed 0).
        List<Long> timed = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 997; i++) {
            long nanos = 1_000 + (long) (Math.exp(random.nextDouble() * 12) * 100);   // 1 µs to about 16 ms
            timed.add(nanos);
            activity.scored(scored(nanos));
        }
        for (long nanos : List.of(90_000_000L, 120_000_000L, 250_000_000L)) {   // a slow tail
            timed.add(nanos);
            activity.scored(new ScoringResult.Failed<>("wine", "timeout", M1, nanos));
        }
        activity.scored(new ScoringResult.Failed<>("", "record has no data type", null, 0));

        ActivitySnapshot.Bucket bucket = activity.snapshot().series().get(59);

        Collections.sort(timed);
        assertWithinPrecision(bucket.p50(), nearestRank(timed, 0.50));
        assertWithinPrecision(bucket.p99(), nearestRank(timed, 0.99));
    }

    @Test
    void aBucketLeavesTheWindowAfterTenMinutesAndItsSlotStartsAgainFromZero() {
        activity.scored(scored(5_000));
        activity.scored(scored(5_000));
        clock.advance(Duration.ofSeconds(20));   // 10:00:23
        activity.scored(scored(7_000));
        clock.set(Instant.parse("2026-03-01T10:10:01Z"));   // 10:00:00 has left the window, 10:00:20 has not

        activity.scored(scored(900_000));   // the slot 10:00:00 had, now 10:10:00's

        List<ActivitySnapshot.Bucket> series = activity.snapshot().series();
        assertThat(series).hasSize(60);
        assertThat(series.get(0).start()).isEqualTo(Instant.parse("2026-03-01T10:00:10Z"));
        assertThat(series.get(1).start()).isEqualTo(Instant.parse("2026-03-01T10:00:20Z"));
        assertThat(series.get(1).scored()).isEqualTo(1);
        ActivitySnapshot.Bucket current = series.get(59);
        assertThat(current.start()).isEqualTo(Instant.parse("2026-03-01T10:10:00Z"));
        assertThat(current.scored()).isEqualTo(1);
        assertWithinPrecision(current.p99(), 900_000);
        assertThat(series.stream().mapToLong(ActivitySnapshot.Bucket::scored).sum()).isEqualTo(2);
    }

    @Test
    void theLastHundredModelUpdatesAreKeptOldestFirst() {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            ModelInfo model = new ModelInfo("m" + i, i % 2 == 0 ? "" : "v" + i, "pmml", "type" + (i % 3), "", T0);
            boolean accepted = i % 5 != 0;
            activity.modelUpdated(new ModelUpdate(accepted, model, accepted ? "" : "bad model " + i));
            times.add(clock.instant());
            clock.advance(Duration.ofMillis(1_500));
        }

        List<ActivitySnapshot.Update> updates = activity.snapshot().updates();

        assertThat(updates).hasSize(100);
        for (int k = 0; k < 100; k++) {
            int i = k + 5;   // the first five are gone
            ActivitySnapshot.Update update = updates.get(k);
            assertThat(update.time()).isEqualTo(times.get(i));
            assertThat(update.dataType()).isEqualTo("type" + (i % 3));
            assertThat(update.model()).isEqualTo(i % 2 == 0 ? "m" + i : "m" + i + ":v" + i);
            assertThat(update.modelType()).isEqualTo("pmml");
            assertThat(update.accepted()).isEqualTo(i % 5 != 0);
            assertThat(update.reason()).isEqualTo(i % 5 != 0 ? Optional.empty() : Optional.of("bad model " + i));
        }
    }

    @Test
    void manyThreadsCountingAtOnceLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    activity.scored(scored(1_000 + i));
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(activity.snapshot().series().get(59).scored()).isEqualTo((long) threads * perThread);
    }

    private static ScoringResult<Double> scored(long nanos) {
        return new ScoringResult.Scored<>("wine", 1.0, M1, nanos);
    }

    /** The nearest-rank percentile of sorted values: the smallest with at least that share of values at or below. */
    private static long nearestRank(List<Long> sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(rank - 1);
    }

    /** Four bins per power of two: a bin's middle is within an eighth of any value in it. */
    private static void assertWithinPrecision(Optional<Duration> reported, long exactNanos) {
        assertThat(reported).isPresent();
        assertThat((double) reported.get().toNanos()).isCloseTo(exactNanos, within(exactNanos * 0.125));
    }
}
