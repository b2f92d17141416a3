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
 * The serving endpoints on the JDK's HTTP server: {@code GET /models}, {@code GET /state/{dataType}},
 * {@code GET /health} and {@code GET /metrics}; JSON shapes in {@link ServingJson}.
 *
 * <p>{@code /state/{dataType}} answers for the whole application: it asks every {@link ServingView#peers()}
 * for its own stats ({@code ?scope=instance}) and aggregates them with this instance's
 * ({@link ApplicationStats}). {@code /models} answers from this instance: each adapter gives every instance
 * every model. {@code /health} is 200 when {@link ServingView#readiness()} is ready, else 503.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = ServingHttpServer.prometheusRegistry();
 * try (ServingHttpServer server = ServingHttpServer.start(view, registry, new InetSocketAddress(8080))) {
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

    /** How long {@code /state} waits for a peer by default. */
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(3);

    private final HttpServer server;
    private final ExecutorService executor;

    private ServingHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on {@code address} (port 0 picks a free port) with {@link #DEFAULT_PEER_TIMEOUT}. */
    public static ServingHttpServer start(ServingView view, PrometheusMeterRegistry registry,
                                          InetSocketAddress address) {
        return start(view, registry, address, DEFAULT_PEER_TIMEOUT);
    }

    /**
     * Starts on {@code address}.
     *
     * @throws IllegalArgumentException when the peer timeout is not positive
     * @throws ModelServingException    when the address cannot be bound
     */
    public static ServingHttpServer start(ServingView view, PrometheusMeterRegistry registry,
                                          InetSocketAddress address, Duration peerTimeout) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(address, "address");
        if (peerTimeout == null || peerTimeout.isNegative() || peerTimeout.isZero()) {
            throw new IllegalArgumentException("peer timeout must be positive, was " + peerTimeout);
        }
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
        server.createContext("/", new Endpoints(view, registry, new PeerClient(peerTimeout)));
        server.start();
        return new ServingHttpServer(server, executor);
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
