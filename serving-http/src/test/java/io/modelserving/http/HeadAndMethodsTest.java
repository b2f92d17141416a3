package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.ModelInfo;
import io.modelserving.ServingStats;
import io.modelserving.kafka.Readiness;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HEAD answers like GET without the body; other methods are 405 naming the allowed ones. */
class HeadAndMethodsTest {

    private static final ModelInfo M1 = new ModelInfo("m1", "1", "constant", "wine", "first",
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final List<String> PATHS = List.of("/models", "/models/wine", "/models/beer", "/state/wine",
            "/state/wine?scope=instance", "/state/beer", "/health", "/health/live", "/health/ready", "/instances",
            "/activity", "/", "/dashboard/none.js", "/nothing");

    private final HttpFixture http = new HttpFixture();

    @AfterEach
    void stop() {
        http.close();
    }

    private ServingHttpServer server() {
        ServingStats stats = new ServingStats("wine", M1, 10, 1, 2, 1000, 50, 300, 1, 0, "");
        ServingActivity activity = new ServingActivity(Clock.fixed(Instant.parse("2026-01-01T00:05:00Z"),
                ZoneOffset.UTC));
        return http.start(new FixedView("a:1", Map.of("wine", M1), Map.of("wine", stats),
                Readiness.down("restoring"), List.of()), builder -> builder.activity(activity));
    }

    @Test
    void headHasTheStatusAndHeadersOfGetAndNoBody() throws Exception {
        ServingHttpServer server = server();
        for (String path : PATHS) {
            Raw get = Raw.parse(HttpFixture.raw(server, "GET", path));
            Raw head = Raw.parse(HttpFixture.raw(server, "HEAD", path));
            assertThat(head.status).as("HEAD %s", path).isEqualTo(get.status);
            assertThat(head.headers).as("HEAD %s", path).isEqualTo(get.headers);
            assertThat(head.body).as("HEAD %s", path).isEmpty();
            assertThat(get.body).as("GET %s", path).isNotEmpty();
            assertThat(get.headers.get("content-length")).as("GET %s", path)
                    .isEqualTo(Integer.toString(get.body.getBytes(StandardCharsets.ISO_8859_1).length));
        }
    }

    @Test
    void headOfMetricsHasNoBodyEither() throws Exception {
        // The scrape changes between two requests (JVM memory), so only the shape is compared.
        ServingHttpServer server = server();
        Raw get = Raw.parse(HttpFixture.raw(server, "GET", "/metrics"));
        Raw head = Raw.parse(HttpFixture.raw(server, "HEAD", "/metrics"));
        assertThat(head.status).isEqualTo(get.status).contains("200");
        assertThat(head.headers.get("content-type")).isEqualTo(get.headers.get("content-type"));
        assertThat(Integer.parseInt(head.headers.get("content-length"))).isPositive();
        assertThat(head.body).isEmpty();
    }

    @Test
    void otherMethodsAre405WithAllowAndAJsonError() throws Exception {
        ServingHttpServer server = server();
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("/models", "/health/live", "/", "/nothing")) {
                var response = http.send(server, method, path);
                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(405);
                assertThat(response.headers().allValues("Allow")).as("%s %s", method, path)
                        .containsExactly("GET, HEAD");
                assertThat(new ObjectMapper().readTree(response.body()).path("error").asText())
                        .as("%s %s", method, path).contains(method);
            }
        }
    }

    /** A raw answer: its status line, its headers but the date, and what came after them. */
    private record Raw(String status, Map<String, String> headers, String body) {

        static Raw parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("end of headers in %s", text).isPositive();
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (!name.equals("date")) {
                    headers.put(name, lines[i].substring(colon + 1).trim());
                }
            }
            return new Raw(lines[0], headers, text.substring(end + 4));
        }
    }
}
