package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.ModelInfo;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import io.modelserving.ServingStats;
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
import java.util.Optional;
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
    private final List<ServingHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ServingHttpServer::close);
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
        assertThat(root.path("totalNanos").asLong()).isEqualTo(7000);
        assertThat(root.path("minNanos").asLong()).isEqualTo(20);
        assertThat(root.path("maxNanos").asLong()).isEqualTo(900);
        assertThat(root.path("meanNanos").asLong()).isEqualTo(7000 / 40);
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
        ServingHttpServer server = start(new FixedView("a:1", Map.of(), Map.of("wine", a), Readiness.up(),
                List.of(URI.create("http://127.0.0.1:1"))));
        HttpResponse<String> local = get(server, "/state/wine?scope=instance");
        assertThat(local.statusCode()).isEqualTo(200);
        InstanceStats parsed = ServingJson.parseInstanceStats(local.body());
        assertThat(parsed).isEqualTo(new InstanceStats("a:1", a));
        assertThat(get(server, "/state/beer?scope=instance").statusCode()).isEqualTo(404);
        assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(server.uri().resolve("/models"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void metricsExposeServingCountersInPrometheusText() throws Exception {
        PrometheusMeterRegistry registry = ServingHttpServer.prometheusRegistry();
        ServingMetrics metrics = new ServingMetrics(registry);
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 2_000));
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 4_000));
        metrics.scored(new ScoringResult.NoModel<>("beer"));
        metrics.deadLettered(new DeadLetter(DeadLetterKind.NO_MODEL, "none", "data", 0, 1, "", "beer"));
        metrics.deadLettered(DeadLetter.of(DeadLetterKind.DATA_UNDECODABLE, "bad", "data", 0, 2));
        metrics.modelUpdated(new ModelUpdate(false, M2, "bad"));
        ServingHttpServer server = ServingHttpServer.start(
                new FixedView("a:1", Map.of(), Map.of(), Readiness.up(), List.of()), registry, new InetSocketAddress("127.0.0.1", 0));
        servers.add(server);
        HttpResponse<String> response = get(server, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("modelserving_records_total{data_type=\"wine\",outcome=\"scored\"} 2.0")
                .contains("modelserving_records_total{data_type=\"beer\",outcome=\"no-model\"} 1.0")
                .contains("modelserving_dead_letters_total{data_type=\"unknown\",kind=\"data-undecodable\"} 1.0")
                .contains("modelserving_model_updates_total{data_type=\"wine\",result=\"rejected\"} 1.0")
                .contains("modelserving_scoring_seconds_count{data_type=\"wine\"} 2")
                .contains("modelserving_scoring_seconds_sum{data_type=\"wine\"} 6.0E-6");
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
        ServingHttpServer server = ServingHttpServer.start(view, ServingHttpServer.prometheusRegistry(),
                new InetSocketAddress("127.0.0.1", 0));
        servers.add(server);
        return server;
    }

    private HttpResponse<String> get(ServingHttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static class FixedView implements ServingView {
        private final String instance;
        private final Map<String, ModelInfo> models;
        private final Map<String, ServingStats> stats;
        private final Readiness readiness;
        private final List<URI> peers;

        FixedView(String instance, Map<String, ModelInfo> models, Map<String, ServingStats> stats, Readiness readiness,
                  List<URI> peers) {
            this.instance = instance;
            this.models = models;
            this.stats = stats;
            this.readiness = readiness;
            this.peers = peers;
        }

        @Override
        public Map<String, ModelInfo> models() {
            return models;
        }

        @Override
        public Optional<ServingStats> stats(String dataType) {
            return Optional.ofNullable(stats.get(dataType));
        }

        @Override
        public Readiness readiness() {
            return readiness;
        }

        @Override
        public String instance() {
            return instance;
        }

        @Override
        public List<URI> peers() {
            return peers;
        }
    }
}
