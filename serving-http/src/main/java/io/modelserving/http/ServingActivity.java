package io.modelserving.http;

import io.modelserving.ModelInfo;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import io.modelserving.http.internal.ActivityBucket;
import io.modelserving.http.internal.LatencyBins;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import io.modelserving.kafka.ServingListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The recent activity of this instance, for operators ({@code GET /activity}): over the last
 * {@link #WINDOW} in buckets of {@link #BUCKET}, the records scored, failed and without a model, the dead letters
 * by kind and the median and 99th percentile scoring time; and the last {@link #UPDATES_KEPT} model updates.
 *
 * <p>A {@link ServingListener}: give it to the adapter next to the metrics. {@link #scored} runs for every record
 * on the engine's threads, so it takes no lock and allocates nothing: it reads the clock's milliseconds and adds
 * to counters. Percentiles come from a small log-scale histogram per bucket, within 12.5 % of the exact value.
 * A snapshot reads the buckets one after another while records go on being counted, so it is not atomic.
 *
 * <pre>{@code
 * ServingActivity activity = new ServingActivity();
 * ServingConfig<Features, Prediction> config = ServingConfig.forFeatures(processor)
 *         .withMetrics(new ServingMetrics(registry))
 *         .withListener(activity);
 * ServingHttpServer http = ServingHttpServer.builder(view, registry).activity(activity).start();
 * }</pre>
 */
public final class ServingActivity implements ServingListener {

    /** The length of one bucket. */
    public static final Duration BUCKET = Duration.ofSeconds(10);
    /** The time the buckets cover, the current one included. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** How many model updates are kept. */
    public static final int UPDATES_KEPT = 100;

    private static final long BUCKET_MILLIS = BUCKET.toMillis();
    private static final int BUCKETS = (int) (WINDOW.toMillis() / BUCKET_MILLIS);
    private static final DeadLetterKind[] KINDS = DeadLetterKind.values();

    private final Clock clock;
    private final ActivityBucket[] ring = new ActivityBucket[BUCKETS];
    private final ArrayDeque<ActivitySnapshot.Update> updates = new ArrayDeque<>(UPDATES_KEPT);

    /** Activity on the system clock. */
    public ServingActivity() {
        this(Clock.systemUTC());
    }

    /** Activity on {@code clock}, e.g. a fixed one in a test. */
    public ServingActivity(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new ActivityBucket();
        }
    }

    @Override
    public void scored(ScoringResult<?> result) {
        long at = Math.floorDiv(clock.millis(), BUCKET_MILLIS);
        ActivityBucket bucket = bucket(at);
        if (result instanceof ScoringResult.Scored<?> scored) {
            bucket.scored(at, scored.durationNanos());
        } else if (result instanceof ScoringResult.Failed<?> failed) {
            bucket.failed(at, failed.model() == null ? -1 : failed.durationNanos());   // timed only when a model ran
        } else {
            bucket.noModel(at);
        }
    }

    @Override
    public void deadLettered(DeadLetter letter) {
        long at = Math.floorDiv(clock.millis(), BUCKET_MILLIS);
        bucket(at).deadLettered(at, letter.kind());
    }

    @Override
    public void modelUpdated(ModelUpdate update) {
        ModelInfo model = update.model();
        ActivitySnapshot.Update entry = new ActivitySnapshot.Update(clock.instant(), model.dataType(), model.label(),
                model.modelType(), update.accepted(),
                update.reason() == null || update.reason().isEmpty() ? Optional.empty() : Optional.of(update.reason()));
        synchronized (updates) {
            if (updates.size() == UPDATES_KEPT) {
                updates.removeFirst();
            }
            updates.addLast(entry);
        }
    }

    /** The activity of the window that ends now. */
    public ActivitySnapshot snapshot() {
        Instant now = clock.instant();
        long current = Math.floorDiv(now.toEpochMilli(), BUCKET_MILLIS);
        List<ActivitySnapshot.Bucket> series = new ArrayList<>(BUCKETS);
        for (long at = current - BUCKETS + 1; at <= current; at++) {
            series.add(bucket(at, bucket(at).read(at)));
        }
        List<ActivitySnapshot.Update> recent;
        synchronized (updates) {
            recent = List.copyOf(updates);
        }
        return new ActivitySnapshot(now, BUCKET, WINDOW, series, recent);
    }

    private ActivityBucket bucket(long at) {
        return ring[(int) Math.floorMod(at, BUCKETS)];
    }

    private static ActivitySnapshot.Bucket bucket(long at, ActivityBucket.Counts counts) {
        Map<String, Long> deadLetters = new LinkedHashMap<>();
        for (DeadLetterKind kind : KINDS) {
            long count = counts.deadLetters(kind);
            if (count > 0) {
                deadLetters.put(kind.header(), count);
            }
        }
        return new ActivitySnapshot.Bucket(Instant.ofEpochMilli(at * BUCKET_MILLIS), counts.scored(),
                counts.failed(), counts.noModel(), deadLetters, percentile(counts, 0.50), percentile(counts, 0.99));
    }

    private static Optional<Duration> percentile(ActivityBucket.Counts counts, double quantile) {
        long nanos = LatencyBins.percentile(counts.latencies(), quantile);
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }
}
