package io.modelserving.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs against a serve process's HTTP endpoints. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    /** The body of {@code GET http://localhost:port/path}, or null when it does not answer. */
    static String get(int port, String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static JsonNode json(int port, String path) {
        String body = get(port, path);
        try {
            return body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether {@code /health} answers UP. */
    static boolean up(int port) {
        JsonNode health = json(port, "/health");
        return health != null && "UP".equals(health.path("status").asText());
    }

    /** Heap in use, from the Prometheus scrape of {@code /metrics}; 0 when it does not answer. */
    static long heapUsedBytes(int port) {
        String metrics = get(port, "/metrics");
        if (metrics == null) {
            return 0;
        }
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }
}
