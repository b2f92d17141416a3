package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import io.modelserving.ServingStats;
import io.modelserving.ShadowResult;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import io.modelserving.micrometer.ServingMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServingHttpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelInfo M1 = new ModelInfo("m1", "1", "constant", "wine", "first", Instant.parse("2026-01-01T00:00:00Z"));
    private static final ModelInfo M2 = new ModelInfo("m2", "", "constant", "wine", "", Instant.parse("2026-01-02T00:00:00Z"));

    private final HttpClient client = HttpClient.newHttpClient();
    private final HttpFixture http = new HttpFixture();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void modelsListsEachDataTypeWithItsModel() throws Exception {
        ServingHttpServer server = start(new FixedView("a:1", Map.of("wine", M1), Map.of(), Readiness.up(), List.of()));
        HttpResponse<String> response = get(server, "/models");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode wine = JSON.readTree(response.body()).path("models").path("wine");
        assertThat(wine.path("name").asText()).isEqualTo("m1");
        assertThat(wine.path("version").asText()).isEqualTo("1");
        assertThat(wine.path("modelType").asText()).isEqualTo("constant");
        assertThat(wine.path("description").asText()).isEqualTo("first");
        assertThat(wine.path("since").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(JSON.readTree(response.body()).path("instance").asText()).isEqualTo("a:1");
    }

    @Test
    void emptyModelVersionAndDescriptionAreNull() throws Exception {
        JsonNode wine = JSON.readTree(get(start(new FixedView("a:1", Map.of("wine", M2), Map.of(), Readiness.up(),
                List.of())), "/models").body()).path("models").path("wine");
        assertThat(wine.get("version").isNull()).as("version of %s", wine).isTrue();
        assertThat(wine.get("description").isNull()).as("description of %s", wine).isTrue();
        assertThat(wine.path("name").asText()).isEqualTo("m2");
    }

    @Test
    void liveAndReadyAreAnsweredApart() throws Exception {
        AtomicReference<Readiness> liveness = new AtomicReference<>(Readiness.up("stream running"));
        ServingView view = new FixedView("a:1", Map.of(), Map.of(), Readiness.down("rebalancing"), List.of()) {
            @Override
            public Readiness liveness() {
                return liveness.get();
            }
        };
        ServingHttpServer server = start(view);

        HttpResponse<String> live = get(server, "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
        assertThat(JSON.readTree(live.body()).path("detail").asText()).isEqualTo("stream running");
        for (String ready : List.of("/health/ready", "/health")) {
            HttpResponse<String> response = get(server, ready);
            assertThat(response.statusCode()).as(ready).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).path("detail").asText()).as(ready).isEqualTo("rebalancing");
        }

        liveness.set(Readiness.down("the serving stream failed: boom"));
        HttpResponse<String> dead = get(server, "/health/live");
        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(dead.body()).path("status").asText()).isEqualTo("DOWN");
        assertThat(JSON.readTree(dead.body()).path("detail").asText()).isEqualTo("the serving stream failed: boom");
    }

    @Test
    void aViewThatSaysNothingOfLivenessIsLiveAndAnEmptyDetailIsNull() throws Exception {
        HttpResponse<String> live = get(start(FixedView.alone("a:1")), "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).get("detail").isNull()).as(live.body()).isTrue();
    }

    @Test
    void healthFollowsReadiness() throws Exception {
        AtomicReference<Readiness> readiness = new AtomicReference<>(Readiness.down("restoring models"));
        ServingView view = new FixedView("a:1", Map.of(), Map.of(), null, List.of()) {
            @Override
            public Readiness readiness() {
                return readiness.get();
            }
        };
        ServingHttpServer server = start(view);
        HttpResponse<String> down = get(server, "/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(down.body()).path("status").asText()).isEqualTo("DOWN");
        assertThat(JSON.readTree(down.body()).path("detail").asText()).isEqualTo("restoring models");
        readiness.set(Readiness.up());
        HttpResponse<String> up = get(server, "/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void stateAggregatesThisInstanceAndItsPeers() throws Exception {
        ServingStats a = new ServingStats("wine", M1, 10, 1, 2, 1000, 50, 300, 1, 0, "");
        ServingStats b = new ServingStats("wine", M2, 30, 0, 0, 6000, 20, 900, 2, 1, "bad bytes");
        ServingHttpServer peer = start(new FixedView("b:2", Map.of(), Map.of("wine", b), Readiness.up(), List.of()));
        URI deadPeer = URI.create("http://127.0.0.1:1");
        ServingHttpServer server = start(new FixedView("a:1", Map.of(), Map.of("wine", a), Readiness.up(),
                List.of(peer.uri(), deadPeer)));

        HttpResponse<String> response = get(server, "/state/wine");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.path("scope").asText()).isEqualTo("application");
        assertThat(root.path("invocations").asLong()).isEqualTo(10 + 30);
        assertThat(root.path("failures").asLong()).isEqualTo(1);
        assertThat(root.path("noModel").asLong()).isEqualTo(2);
        // Seconds, as numbers: 1000 ns + 6000 ns in all, the fastest call 20 ns, the slowest 900 ns, 40 calls.
        assertThat(root.path("totalSeconds").isDouble()).isTrue();
        assertThat(root.path("totalSeconds").asDouble()).isEqualTo(7e-6);
        assertThat(root.path("minSeconds").asDouble()).isEqualTo(2e-8);
        assertThat(root.path("maxSeconds").asDouble()).isEqualTo(9e-7);
        assertThat(root.path("meanSeconds").asDouble()).isEqualTo(1.75e-7);
        assertThat(root.has("totalNanos")).isFalse();
        assertThat(root.path("updatesAccepted").asLong()).isEqualTo(2);
        assertThat(root.path("updatesRejected").asLong()).isEqualTo(1);
        assertThat(root.path("lastRejection").asText()).isEqualTo("bad bytes");
        assertThat(root.path("model").path("name").asText()).isEqualTo("m2");
        assertThat(root.path("instances")).hasSize(2);
        assertThat(root.path("instances").get(0).path("instance").asText()).isEqualTo("a:1");
        assertThat(root.path("instances").get(1).path("instance").asText()).isEqualTo("b:2");
        assertThat(root.path("instances").get(1).path("invocations").asLong()).isEqualTo(30);
        assertThat(root.path("unreachable")).hasSize(1);
        assertThat(root.path("unreachable").get(0).asText()).startsWith(deadPeer.toString());
    }

    @Test
    void instanceScopeAnswersLocallyAndUnknownDataTypeIs404() throws Exception {
        ServingStats a = new ServingStats("wine", null, 0, 0, 5, 0, 0, 0, 0, 0, "");
        ServingStats b = new ServingStats("beer", M2, 3, 1, 0, 987_654_321, 123, 800_000_000, 2, 1, "bad bytes");
        ServingHttpServer server = start(new FixedView("a:1", Map.of(), Map.of("wine", a, "beer", b), Readiness.up(),
                List.of(URI.create("http://127.0.0.1:1"))));
        HttpResponse<String> local = get(server, "/state/wine?scope=instance");
        assertThat(local.statusCode()).isEqualTo(200);
        InstanceStats parsed = ServingJson.parseInstanceStats(local.body());
        assertThat(parsed).isEqualTo(new InstanceStats("a:1", a));
        JsonNode node = JSON.readTree(local.body());
        assertThat(node.get("lastRejection").isNull()).as("no rejection yet: %s", node).isTrue();
        assertThat(node.get("model").isNull()).isTrue();
        // Nanoseconds survive their trip through seconds, and so do empty texts through null.
        assertThat(ServingJson.parseInstanceStats(get(server, "/state/beer?scope=instance").body()))
                .isEqualTo(new InstanceStats("a:1", b));
        assertThat(get(server, "/state/cider?scope=instance").statusCode()).isEqualTo(404);
        assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsExposeServingCountersInPrometheusText() throws Exception {
        PrometheusMeterRegistry registry = ServingHttpServer.prometheusRegistry();
        ServingMetrics metrics = new ServingMetrics(registry);
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 2_000));
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 4_000));
        metrics.scored(new ScoringResult.NoModel<>("beer"));
        metrics.scored(new ScoringResult.Scored<>("wine", 1.5, M1.as(ModelRole.CANARY, M1.since()), 3_000));
        ModelInfo shadow = M2.as(ModelRole.SHADOW, M2.since());
        metrics.shadowed(new ShadowResult<>(shadow, new ScoringResult.Scored<>("wine", 1.25, shadow, 5_000), true,
                true, 0.25));
        metrics.deadLettered(new DeadLetter(DeadLetterKind.NO_MODEL, "none", "data", 0, 1, "", "beer"));
        metrics.deadLettered(DeadLetter.of(DeadLetterKind.DATA_UNDECODABLE, "bad", "data", 0, 2));
        metrics.modelUpdated(new ModelUpdate(false, M2, "bad"));
        ServingHttpServer server = http.keep(ServingHttpServer.builder(FixedView.alone("a:1"), registry)
                .address(new InetSocketAddress("127.0.0.1", 0)).start());
        HttpResponse<String> response = get(server, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("modelserving_records_total{data_type=\"wine\",outcome=\"scored\",role=\"primary\"} 2.0")
                .contains("modelserving_records_total{data_type=\"wine\",outcome=\"scored\",role=\"canary\"} 1.0")
                .contains("modelserving_records_total{data_type=\"beer\",outcome=\"no-model\",role=\"primary\"} 1.0")
                .contains("modelserving_dead_letters_total{data_type=\"unknown\",kind=\"data-undecodable\"} 1.0")
                .contains("modelserving_model_updates_total{data_type=\"wine\",result=\"rejected\"} 1.0")
                .contains("modelserving_scoring_seconds_count{data_type=\"wine\",role=\"primary\"} 2")
                .contains("modelserving_scoring_seconds_sum{data_type=\"wine\",role=\"primary\"} 6.0E-6")
                .contains("modelserving_shadow_results_total{data_type=\"wine\",model=\"m2\",outcome=\"agreed\"} 1.0")
                .contains("modelserving_shadow_difference_count{data_type=\"wine\",model=\"m2\"} 1")
                .contains("modelserving_shadow_difference_sum{data_type=\"wine\",model=\"m2\"} 0.25");
    }

    @Test
    void aFailingViewIsAServerErrorWithAJsonError() throws Exception {
        ServingHttpServer server = start(new FixedView("a:1", Map.of(), Map.of(), Readiness.up(), List.of()) {
            @Override
            public Map<String, ModelInfo> models() {
                throw new IllegalStateException("processor closed");
            }
        });
        HttpResponse<String> response = get(server, "/models");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("processor closed");
    }

    @Test
    void healthAnswersWhileStateRequestsWaitForSilentPeers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI peer = URI.create("http://127.0.0.1:" + silent.getLocalPort());   // accepts, never answers
            ServingHttpServer server = start(new FixedView("a:1", Map.of(), Map.of(), Readiness.up(),
                    List.of(peer)));
            List<CompletableFuture<HttpResponse<String>>> states = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                states.add(client.sendAsync(HttpRequest.newBuilder(server.uri().resolve("/state/wine")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(300);   // let them reach the server and wait on the peer
            HttpResponse<String> health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(states).as("state requests still waiting for the peer").noneMatch(CompletableFuture::isDone);
            for (CompletableFuture<HttpResponse<String>> state : states) {
                assertThat(JSON.readTree(state.get(30, TimeUnit.SECONDS).body()).path("unreachable")).hasSize(1);
            }
        }
    }

    private ServingHttpServer start(ServingView view) {
        return http.start(view);
    }

    private HttpResponse<String> get(ServingHttpServer server, String path) throws Exception {
        return http.get(server, path);
    }
}
