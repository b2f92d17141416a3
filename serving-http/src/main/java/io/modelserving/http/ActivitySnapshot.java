package io.modelserving.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ServingActivity} saw on this instance lately: what {@code GET /activity} answers.
 *
 * <pre>{@code
 * ActivitySnapshot recent = activity.snapshot();
 * long scoredLastMinute = recent.series().subList(recent.series().size() - 6, recent.series().size())
 *         .stream().mapToLong(ActivitySnapshot.Bucket::scored).sum();
 * }</pre>
 *
 * @param now     when the snapshot was taken
 * @param bucket  the length of one bucket
 * @param window  the time the series covers
 * @param series  every bucket of the window, oldest first, empty ones included; the last is the current one
 * @param updates the latest model updates, oldest first
 */
public record ActivitySnapshot(Instant now, Duration bucket, Duration window, List<Bucket> series,
                               List<Update> updates) {

    public ActivitySnapshot {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(window, "window");
        series = List.copyOf(series);
        updates = List.copyOf(updates);
    }

    /**
     * The data records of one bucket.
     *
     * @param start       when the bucket begins
     * @param scored      records scored
     * @param failed      records a model failed on
     * @param noModel     records that found no model
     * @param deadLetters dead letters written, by kind ({@code DeadLetterKind.header()}); kinds with none left out
     * @param p50         the median time a model took on a record (scored or failed); empty when no model ran
     * @param p99         the 99th percentile of that time; likewise
     */
    public record Bucket(Instant start, long scored, long failed, long noModel, Map<String, Long> deadLetters,
                         Optional<Duration> p50, Optional<Duration> p99) {

        public Bucket {
            Objects.requireNonNull(start, "start");
            deadLetters = Collections.unmodifiableMap(new LinkedHashMap<>(deadLetters));   // kinds in order
            Objects.requireNonNull(p50, "p50");
            Objects.requireNonNull(p99, "p99");
        }
    }

    /**
     * One model offered to the processor.
     *
     * @param time      when the outcome was known
     * @param dataType  the model's data type
     * @param model     its label ({@code name} or {@code name:version})
     * @param modelType its type, e.g. {@code onnx}
     * @param accepted  whether it became the current model
     * @param reason    why it was rejected; empty when accepted
     */
    public record Update(Instant time, String dataType, String model, String modelType, boolean accepted,
                         Optional<String> reason) {

        public Update {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
