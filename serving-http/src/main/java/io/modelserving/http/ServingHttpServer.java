package io.modelserving.http;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.ModelServingException;
import io.modelserving.http.internal.Endpoints;
import io.modelserving.http.internal.PeerClient;
import io.modelserving.kafka.ServingView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The serving endpoints on the JDK's HTTP server, for operators and their tools; JSON shapes in
 * {@link ServingJson}. Every endpoint answers GET and HEAD; other methods are 405.
 *
 * <ul>
 *   <li>{@code /models}, {@code /models/{dataType}}: the current models, one with its signature (this instance:
 *       each adapter gives every instance every model)</li>
 *   <li>{@code /state/{dataType}}: the stats of the whole application: every {@link ServingView#peers() peer}
 *       is asked for its own ({@code ?scope=instance}), all at once, and the answers are aggregated
 *       ({@link ApplicationStats}); peers that do not answer within the peer timeout are listed as unreachable</li>
 *   <li>{@code /health/live}: 200 while {@link ServingView#liveness()} is up, else 503; {@code /health/ready} and
 *       {@code /health}: likewise with {@link ServingView#readiness()}</li>
 *   <li>{@code /instances}: this instance's readiness and each peer's, asked all at once</li>
 *   <li>{@code /activity}: the recent activity of this instance, when given a {@link ServingActivity}</li>
 *   <li>{@code /metrics}: Prometheus text of the registry</li>
 *   <li>{@code /} and {@code /dashboard/<file>}: the dashboard page</li>
 * </ul>
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = ServingHttpServer.prometheusRegistry();
 * ServingActivity activity = new ServingActivity();   // a listener: give it to the adapter too
 * try (ServingHttpServer server = ServingHttpServer.builder(view, registry)
 *         .address(new InetSocketAddress(8080))
 *         .activity(activity)
 *         .peerTimeout(Duration.ofSeconds(2))
 *         .start()) {
 *     System.out.println("serving on " + server.uri());
 *     ...
 * }
 * }</pre>
 */
public final class ServingHttpServer implements AutoCloseable {

    /**
     * A new Prometheus registry, as {@code GET /metrics} scrapes, with the JVM's memory, GC and thread metrics;
     * give it to the serving metrics too.
     */
    public static PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    /** Requests served at once. */
    static final int WORKER_THREADS = 8;

    /** The port listened on unless {@link Builder#address} says otherwise. */
    public static final int DEFAULT_PORT = 8080;

    /** How long {@code /state} and {@code /instances} wait for the peers by default. */
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(3);

    private final HttpServer server;
    private final ExecutorService executor;

    private ServingHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A server of {@code view}'s endpoints and {@code registry}'s metrics, to be configured and started. */
    public static Builder builder(ServingView view, PrometheusMeterRegistry registry) {
        return new Builder(view, registry);
    }

    /**
     * Configures and starts a {@link ServingHttpServer}. Defaults: port {@link #DEFAULT_PORT} on every interface,
     * no activity ({@code /activity} is 404), {@link #DEFAULT_PEER_TIMEOUT}.
     */
    public static final class Builder {

        private final ServingView view;
        private final PrometheusMeterRegistry registry;
        private InetSocketAddress address = new InetSocketAddress(DEFAULT_PORT);
        private ServingActivity activity;
        private Duration peerTimeout = DEFAULT_PEER_TIMEOUT;

        private Builder(ServingView view, PrometheusMeterRegistry registry) {
            this.view = Objects.requireNonNull(view, "view");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Where to listen; port 0 picks a free port. */
        public Builder address(InetSocketAddress value) {
            this.address = Objects.requireNonNull(value, "address");
            return this;
        }

        /** The activity {@code GET /activity} shows; the same instance must be a listener of the adapter. */
        public Builder activity(ServingActivity value) {
            this.activity = Objects.requireNonNull(value, "activity");
            return this;
        }

        /**
         * How long {@code /state} and {@code /instances} wait for the peers, all of them together.
         *
         * @throws IllegalArgumentException when the timeout is not positive
         */
        public Builder peerTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("peer timeout must be positive, was " + value);
            }
            this.peerTimeout = value;
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws ModelServingException when the address cannot be bound
         */
        public ServingHttpServer start() {
            HttpServer server;
            try {
                server = HttpServer.create(address, 0);
            } catch (IOException e) {
                throw new ModelServingException("Cannot serve HTTP on " + address + ": " + e.getMessage(), e);
            }
            // Several threads: requests waiting on slow peers for /state must not hold up /health or a peer's own
            // /state question to this instance.
            ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
                Thread thread = new Thread(runnable, "modelserving-http");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", new Endpoints(view, registry, new PeerClient(peerTimeout), activity));
            server.start();
            return new ServingHttpServer(server, executor);
        }
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port} of this server, as a peer would call it. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
        return URI.create("http://" + host + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
