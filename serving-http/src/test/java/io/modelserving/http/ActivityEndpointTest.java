package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.ModelInfo;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /activity}: the JSON of a real {@link ServingActivity} on a clock the test sets. */
class ActivityEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:03Z");
    private static final ModelInfo M1 = new ModelInfo("m1", "2", "onnx", "wine", "", T0);

    private final HttpFixture http = new HttpFixture();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void activityShowsTheWindowAndTheUpdates() throws Exception {
        MutableClock clock = new MutableClock(T0);
        ServingActivity activity = new ServingActivity(clock);
        activity.modelUpdated(new ModelUpdate(true, M1, ""));
        activity.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 2_000_000));   // 2 ms, alone in its bucket
        activity.scored(new ScoringResult.NoModel<>("beer"));
        activity.deadLettered(DeadLetter.of(DeadLetterKind.NO_MODEL, "none", "data", 0, 1));
        clock.advance(Duration.ofSeconds(12));   // 10:00:15
        activity.modelUpdated(new ModelUpdate(false, new ModelInfo("m2", "", "pmml", "beer", "", T0), "bad bytes"));
        ServingHttpServer server = http.start(FixedView.alone("a:1"), builder -> builder.activity(activity));

        HttpResponse<String> response = http.get(server, "/activity");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.path("instance").asText()).isEqualTo("a:1");
        assertThat(root.path("now").asText()).isEqualTo("2026-03-01T10:00:15Z");
        assertThat(root.path("bucketSeconds").asInt()).isEqualTo(10);
        assertThat(root.path("windowSeconds").asInt()).isEqualTo(600);
        JsonNode series = root.path("series");
        assertThat(series).hasSize(60);
        assertThat(series.get(0).path("start").asText()).isEqualTo("2026-03-01T09:50:20Z");
        JsonNode earlier = series.get(58);
        assertThat(earlier.path("start").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(earlier.path("scored").asLong()).isEqualTo(1);
        assertThat(earlier.path("failed").asLong()).isZero();
        assertThat(earlier.path("noModel").asLong()).isEqualTo(1);
        assertThat(earlier.path("deadLetters").toString()).isEqualTo("{\"no-model\":1}");
        // One timed record of 2 ms: both percentiles are it, to the histogram's eighth.
        assertThat(earlier.path("p50Seconds").isNumber()).isTrue();
        assertThat(earlier.path("p50Seconds").asDouble()).isBetween(0.002 * 0.875, 0.002 * 1.125);
        assertThat(earlier.path("p99Seconds").asDouble()).isEqualTo(earlier.path("p50Seconds").asDouble());
        JsonNode current = series.get(59);
        assertThat(current.path("start").asText()).isEqualTo("2026-03-01T10:00:10Z");
        assertThat(current.path("scored").asLong()).isZero();
        assertThat(current.path("deadLetters").isObject()).isTrue();
        assertThat(current.path("deadLetters")).isEmpty();
        assertThat(current.get("p50Seconds").isNull()).isTrue();
        assertThat(current.get("p99Seconds").isNull()).isTrue();

        JsonNode updates = root.path("updates");
        assertThat(updates).hasSize(2);
        JsonNode accepted = updates.get(0);
        assertThat(accepted.path("time").asText()).isEqualTo("2026-03-01T10:00:03Z");
        assertThat(accepted.path("dataType").asText()).isEqualTo("wine");
        assertThat(accepted.path("model").asText()).isEqualTo("m1:2");
        assertThat(accepted.path("modelType").asText()).isEqualTo("onnx");
        assertThat(accepted.path("accepted").isBoolean()).isTrue();
        assertThat(accepted.path("accepted").asBoolean()).isTrue();
        assertThat(accepted.get("reason").isNull()).isTrue();
        JsonNode rejected = updates.get(1);
        assertThat(rejected.path("time").asText()).isEqualTo("2026-03-01T10:00:15Z");
        assertThat(rejected.path("model").asText()).isEqualTo("m2");
        assertThat(rejected.path("accepted").asBoolean()).isFalse();
        assertThat(rejected.path("reason").asText()).isEqualTo("bad bytes");
    }

    @Test
    void withoutAnActivityItIs404WithAJsonError() throws Exception {
        HttpResponse<String> response = http.get(http.start(FixedView.alone("a:1")), "/activity");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
    }
}
