package io.modelserving.http.internal;

import io.modelserving.http.InstanceStats;
import io.modelserving.http.ServingJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Asks another instance for its own stats of a data type. */
public final class PeerClient {

    private final HttpClient client;
    private final Duration timeout;

    public PeerClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The peer's stats; empty when it has never seen the data type (404).
     *
     * @throws Exception when the peer does not answer or answers something else
     */
    public Optional<InstanceStats> stats(URI peer, String dataType) throws Exception {
        URI uri = URI.create(peer.toString().replaceAll("/+$", "") + "/state/"
                + URLEncoder.encode(dataType, StandardCharsets.UTF_8).replace("+", "%20") + "?scope=instance");
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return Optional.of(ServingJson.parseInstanceStats(response.body()));
    }
}
