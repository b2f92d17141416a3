package io.modelserving.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.ModelServingException;
import io.modelserving.ServingStats;
import io.modelserving.http.ApplicationStats;
import io.modelserving.http.InstanceStats;
import io.modelserving.http.ServingJson;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the four GET endpoints; everything else is 404 or 405 with a JSON error. */
public final class Endpoints implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServingView view;
    private final PrometheusMeterRegistry registry;
    private final PeerClient peers;

    public Endpoints(ServingView view, PrometheusMeterRegistry registry, PeerClient peers) {
        this.view = view;
        this.registry = registry;
        this.peers = peers;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // The error answers go out before the exchange closes: a failure is a JSON error, never an empty reply.
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                LOG.warn("HTTP request {} failed", exchange.getRequestURI(), e);
                send(exchange, 500, JSON, ServingJson.error(ModelServingException.reasonOf(e)));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Allow", "GET");
            send(exchange, 405, JSON, ServingJson.error("only GET is supported"));
            return;
        }
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        if (path.equals("/models")) {
            send(exchange, 200, JSON, ServingJson.models(view.instance(), view.models()));
        } else if (path.startsWith("/state/") && path.length() > "/state/".length()) {
            String dataType = URLDecoder.decode(path.substring("/state/".length()), StandardCharsets.UTF_8);
            state(exchange, dataType, "scope=instance".equals(uri.getRawQuery()));
        } else if (path.equals("/health")) {
            Readiness readiness = view.readiness();
            send(exchange, readiness.ready() ? 200 : 503, JSON, ServingJson.health(view.instance(), readiness));
        } else if (path.equals("/metrics")) {
            send(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
        } else {
            send(exchange, 404, JSON, ServingJson.error("no such endpoint: " + path
                    + " (try /models, /state/{dataType}, /health, /metrics)"));
        }
    }

    private void state(HttpExchange exchange, String dataType, boolean instanceOnly) throws IOException {
        Optional<ServingStats> local = view.stats(dataType);
        if (instanceOnly) {
            if (local.isEmpty()) {
                send(exchange, 404, JSON, ServingJson.error("unknown data type '" + dataType + "'"));
            } else {
                send(exchange, 200, JSON, ServingJson.instanceStats(new InstanceStats(view.instance(), local.get())));
            }
            return;
        }
        List<InstanceStats> instances = new ArrayList<>();
        local.ifPresent(stats -> instances.add(new InstanceStats(view.instance(), stats)));
        List<String> unreachable = new ArrayList<>();
        for (URI peer : view.peers()) {
            try {
                peers.stats(peer, dataType).ifPresent(instances::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unreachable.add(peer + ": interrupted");
            } catch (Exception e) {
                unreachable.add(peer + ": " + ModelServingException.reasonOf(e));
            }
        }
        if (instances.isEmpty() && unreachable.isEmpty()) {
            send(exchange, 404, JSON, ServingJson.error("unknown data type '" + dataType + "'"));
            return;
        }
        send(exchange, 200, JSON, ServingJson.applicationStats(ApplicationStats.of(dataType, instances, unreachable)));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
