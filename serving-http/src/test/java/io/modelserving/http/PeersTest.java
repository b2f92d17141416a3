package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.ModelInfo;
import io.modelserving.ServingStats;
import io.modelserving.kafka.Readiness;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Peers are asked all at once, within one peer timeout in all: peers that each take most of the timeout all
 * answer (asked one after another, the second would be past it), and a peer that never answers is listed as
 * unreachable without costing the others their answer.
 */
class PeersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(4);
    /** How long each slow peer takes: most of the timeout, so that two in a row would not fit in it. */
    private static final Duration SLOW = Duration.ofMillis(2_500);
    private static final ModelInfo M1 = new ModelInfo("m1", "1", "constant", "wine", "",
            Instant.parse("2026-01-01T00:00:00Z"));

    private final HttpFixture http = new HttpFixture();
    private final List<ServerSocket> silent = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        http.close();
        for (ServerSocket socket : silent) {
            socket.close();
        }
    }

    /** A peer that answers its stats and health, each after {@link #SLOW}. */
    private URI slowPeer(String name, long invocations, Readiness readiness) {
        ServingStats stats = new ServingStats("wine", M1, invocations, 0, 0, invocations * 100, 100, 100, 1, 0, "");
        return http.start(new FixedView(name, Map.of(), Map.of("wine", stats), readiness, List.of()) {
            @Override
            public Optional<ServingStats> stats(String dataType) {
                pause();
                return super.stats(dataType);
            }

            @Override
            public Readiness readiness() {
                pause();
                return super.readiness();
            }
        }).uri();
    }

    /** A peer that accepts connections and never answers. */
    private URI hangingPeer() throws Exception {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        silent.add(socket);
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private ServingHttpServer asking(List<URI> peers, Readiness own) {
        ServingStats stats = new ServingStats("wine", M1, 1, 0, 0, 100, 100, 100, 1, 0, "");
        return http.start(new FixedView("self:1", Map.of(), Map.of("wine", stats), own, peers),
                builder -> builder.peerTimeout(PEER_TIMEOUT));
    }

    @Test
    void slowPeersAreAskedTogetherSoAllAnswerWithinOneTimeout() throws Exception {
        ServingHttpServer server = asking(List.of(slowPeer("b:2", 20, Readiness.up()),
                slowPeer("c:3", 300, Readiness.up())), Readiness.up());

        JsonNode state = JSON.readTree(http.get(server, "/state/wine").body());

        assertThat(state.path("unreachable")).as("%s", state).isEmpty();
        assertThat(state.path("instances")).hasSize(3);
        assertThat(state.path("invocations").asLong()).isEqualTo(1 + 20 + 300);
        List<String> names = new ArrayList<>();
        state.path("instances").forEach(i -> names.add(i.path("instance").asText()));
        assertThat(names).containsExactly("self:1", "b:2", "c:3");
    }

    @Test
    void aPeerThatHangsIsUnreachableAndTheOthersStillCount() throws Exception {
        URI hanging = hangingPeer();
        URI slow = slowPeer("b:2", 20, Readiness.up());
        ServingHttpServer server = asking(List.of(hanging, slow), Readiness.up());

        JsonNode state = JSON.readTree(http.get(server, "/state/wine").body());

        assertThat(state.path("instances")).hasSize(2);
        assertThat(state.path("invocations").asLong()).isEqualTo(1 + 20);
        assertThat(state.path("unreachable")).hasSize(1);
        assertThat(state.path("unreachable").get(0).asText()).startsWith(hanging + ": ");
    }

    @Test
    void instancesListsItselfFirstThenEachPeerAskedTogether() throws Exception {
        URI up = slowPeer("b:2", 0, Readiness.up("fine"));
        URI down = slowPeer("c:3", 0, Readiness.down("restoring models"));
        URI hanging = hangingPeer();
        URI refused;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = URI.create("http://127.0.0.1:" + closed.getLocalPort());   // nobody listens once closed
        }
        ServingHttpServer server = asking(List.of(up, down, hanging, refused), Readiness.down("rebalancing"));

        var response = http.get(server, "/instances");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.path("instance").asText()).isEqualTo("self:1");
        JsonNode list = root.path("instances");
        assertThat(list).hasSize(5);
        assertInstance(list.get(0), "self:1", null, "DOWN", "rebalancing");
        assertInstance(list.get(1), "b:2", up, "UP", "fine");
        assertInstance(list.get(2), "c:3", down, "DOWN", "restoring models");
        assertInstance(list.get(3), hanging.getAuthority(), hanging, "UNREACHABLE", null);
        assertInstance(list.get(4), refused.getAuthority(), refused, "UNREACHABLE", null);
        assertThat(list.get(3).path("detail").asText()).isNotBlank();
        assertThat(list.get(4).path("detail").asText()).isNotBlank();
    }

    private static void assertInstance(JsonNode node, String name, URI uri, String status, String detail) {
        assertThat(node.path("instance").asText()).as("%s", node).isEqualTo(name);
        if (uri == null) {
            assertThat(node.get("uri").isNull()).as("%s", node).isTrue();
        } else {
            assertThat(node.path("uri").asText()).as("%s", node).isEqualTo(uri.toString());
        }
        assertThat(node.path("status").asText()).as("%s", node).isEqualTo(status);
        if (detail != null) {
            assertThat(node.path("detail").asText()).as("%s", node).isEqualTo(detail);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(SLOW.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
