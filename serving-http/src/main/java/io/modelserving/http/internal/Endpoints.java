package io.modelserving.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.ModelInfo;
import io.modelserving.ModelServingException;
import io.modelserving.ServingStats;
import io.modelserving.http.ApplicationStats;
import io.modelserving.http.InstanceStats;
import io.modelserving.http.InstanceStatus;
import io.modelserving.http.ServingActivity;
import io.modelserving.http.ServingJson;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the GET endpoints (each also answers HEAD); any other method is 405 with {@code Allow: GET, HEAD}, an
 * unknown path 404, a failure 500, each with a JSON error.
 */
public final class Endpoints implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private static final String ENDPOINTS = "/models, /models/{dataType}, /state/{dataType}, /health, "
            + "/health/live, /health/ready, /instances, /activity, /metrics";

    private final ServingView view;
    private final PrometheusMeterRegistry registry;
    private final PeerClient peers;
    private final ServingActivity activity;

    /** @param activity null when the server was given none: {@code /activity} is then 404 */
    public Endpoints(ServingView view, PrometheusMeterRegistry registry, PeerClient peers, ServingActivity activity) {
        this.view = view;
        this.registry = registry;
        this.peers = peers;
        this.activity = activity;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // The error answers go out before the exchange closes: a failure is a JSON error, never an empty reply.
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                LOG.warn("HTTP request {} failed", exchange.getRequestURI(), e);
                Reply.json(exchange, 500, ServingJson.error(ModelServingException.reasonOf(e)));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Reply.json(exchange, 405, ServingJson.error(method + " is not supported; use GET or HEAD"));
            return;
        }
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        switch (path) {
            case "/models" -> Reply.json(exchange, 200,
                    ServingJson.models(view.instance(), view.models(), view.candidates(), view::stats));
            case "/health", "/health/ready" -> health(exchange, view.readiness());
            case "/health/live" -> health(exchange, view.liveness());
            case "/instances" -> instances(exchange);
            case "/activity" -> activity(exchange);
            case "/metrics" -> Reply.text(exchange, 200, Reply.PROMETHEUS_TEXT, registry.scrape());
            default -> {
                if (path.startsWith("/models/") && path.length() > "/models/".length()) {
                    model(exchange, decode(path.substring("/models/".length())));
                } else if (path.startsWith("/state/") && path.length() > "/state/".length()) {
                    boolean instanceOnly = "scope=instance".equals(uri.getRawQuery());
                    state(exchange, decode(path.substring("/state/".length())), instanceOnly);
                } else if (DashboardFiles.handles(path)) {
                    dashboard(exchange, path);
                } else {
                    notFound(exchange, "no such endpoint: " + path + " (try " + ENDPOINTS + ")");
                }
            }
        }
    }

    private void health(HttpExchange exchange, Readiness readiness) throws IOException {
        Reply.json(exchange, readiness.ready() ? 200 : 503, ServingJson.health(view.instance(), readiness));
    }

    private void model(HttpExchange exchange, String dataType) throws IOException {
        ModelInfo model = view.models().get(dataType);
        if (model == null) {
            notFound(exchange, "no current model for data type '" + dataType + "'");
        } else {
            Reply.json(exchange, 200, ServingJson.model(view.instance(), model, view.signature(dataType)));
        }
    }

    private void state(HttpExchange exchange, String dataType, boolean instanceOnly) throws IOException {
        Optional<ServingStats> local = view.stats(dataType);
        if (instanceOnly) {
            if (local.isEmpty()) {
                notFound(exchange, "unknown data type '" + dataType + "'");
            } else {
                Reply.json(exchange, 200, ServingJson.instanceStats(new InstanceStats(view.instance(), local.get())));
            }
            return;
        }
        List<InstanceStats> instances = new ArrayList<>();
        local.ifPresent(stats -> instances.add(new InstanceStats(view.instance(), stats)));
        List<String> unreachable = new ArrayList<>();
        for (PeerAnswer<Optional<InstanceStats>> answer : peers.stats(view.peers(), dataType)) {
            if (answer.answered()) {
                answer.value().ifPresent(instances::add);
            } else {
                unreachable.add(answer.peer() + ": " + answer.failure());
            }
        }
        if (instances.isEmpty() && unreachable.isEmpty()) {
            notFound(exchange, "unknown data type '" + dataType + "'");
            return;
        }
        Reply.json(exchange, 200, ServingJson.applicationStats(ApplicationStats.of(dataType, instances, unreachable)));
    }

    private void instances(HttpExchange exchange) throws IOException {
        List<InstanceStatus> statuses = new ArrayList<>();
        statuses.add(InstanceStatus.of(view.instance(), null, view.readiness()));
        statuses.addAll(peers.readiness(view.peers()));
        Reply.json(exchange, 200, ServingJson.instances(view.instance(), statuses));
    }

    private void activity(HttpExchange exchange) throws IOException {
        if (activity == null) {
            notFound(exchange, "no activity is recorded on this instance");
        } else {
            Reply.json(exchange, 200, ServingJson.activity(view.instance(), activity.snapshot()));
        }
    }

    private void dashboard(HttpExchange exchange, String path) throws IOException {
        Optional<DashboardFiles.File> file = DashboardFiles.find(path);
        if (file.isEmpty()) {
            notFound(exchange, "no such dashboard file: " + path);
            return;
        }
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        Reply.bytes(exchange, 200, file.get().contentType(), file.get().content());
    }

    private static void notFound(HttpExchange exchange, String message) throws IOException {
        Reply.json(exchange, 404, ServingJson.error(message));
    }

    private static String decode(String rawSegment) {
        return URLDecoder.decode(rawSegment, StandardCharsets.UTF_8);
    }
}
