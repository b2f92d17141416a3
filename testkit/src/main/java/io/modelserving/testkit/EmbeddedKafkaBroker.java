package io.modelserving.testkit;

import io.modelserving.testkit.internal.BrokerConfig;
import io.modelserving.testkit.internal.Directories;
import io.modelserving.testkit.internal.FreePorts;
import io.modelserving.testkit.internal.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, its own controller) running inside this JVM, for tests, examples
 * and demos. No Docker, no ZooKeeper, no external process.
 *
 * <p>{@link #start()} picks free ports and a temporary log directory that {@link #close()} deletes. The
 * {@link #builder() builder} can fix the port and keep the log directory, so a standalone broker restarts on
 * the same data. Internal topics (consumer offsets, transaction state) have one replica, so consumer groups,
 * Kafka Streams and exactly-once transactions work. The helpers of {@link KafkaHelpers} create topics and
 * write and read records.
 *
 * <p>The broker logs through SLF4J and is chatty at INFO; configure the {@code kafka} and
 * {@code org.apache.kafka} loggers to WARN in your logging backend.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *     kafka.createTopic("wine", 3);
 *     kafka.produceString("wine", "w1", "7.4;0.7;0.0");
 *     List<ConsumerRecord<byte[], byte[]>> read = kafka.consume("wine", 1, Duration.ofSeconds(30));
 * }
 *
 * // a standalone broker on a fixed port that keeps its data across restarts
 * EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(9092).logDir(Path.of("kafka-data")).start();
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements KafkaHelpers, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int START_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final boolean deleteOnClose;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDir, boolean deleteOnClose) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** Starts a broker on free ports with a temporary log directory, deleted on {@link #close()}. */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path logDir() {
        return logDir;
    }

    /** Stops the broker and waits until it has stopped; deletes a temporary log directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            try {
                Directories.deleteRecursively(logDir);
            } catch (IOException e) {
                LOG.warn("Could not delete the broker's temporary log directory {}: {}", logDir, e.toString());
            }
        }
    }

    /** Whether {@link #close()} has been called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", logDir=" + logDir + (closed ? ", closed" : "") + "]";
    }

    /**
     * Configures an {@link EmbeddedKafkaBroker}. Every setting is optional.
     *
     * <pre>{@code
     * EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
     *         .port(9092)                               // default: a free port
     *         .logDir(Path.of("kafka-data"))            // default: a temporary directory, deleted on close
     *         .brokerProperty("log.retention.ms", "-1") // any server property
     *         .start();
     * }</pre>
     */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path logDir;
        private Duration startTimeout = Duration.ofSeconds(120);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** The client port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = checkPort(port, "port");
            return this;
        }

        /** The KRaft controller port; 0 (the default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort, "controllerPort");
            return this;
        }

        /**
         * A log directory to use and keep: created and formatted when new, reused as is when it already holds a
         * broker's data (so its topics and records survive a restart). Never deleted by the broker.
         */
        public Builder logDir(Path logDir) {
            this.logDir = Objects.requireNonNull(logDir, "logDir");
            return this;
        }

        /** Sets a Kafka server property, overriding the testkit's default for it. */
        public Builder brokerProperty(String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("broker property key must not be blank, was '" + key + "'");
            }
            overrides.put(key, Objects.requireNonNull(value, "value of " + key));
            return this;
        }

        /** How long {@link #start()} waits for the broker to serve clients; 120 s by default. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Formats the log directory if needed, starts the broker and waits until it answers clients.
         *
         * @throws EmbeddedKafkaException when the broker does not start
         */
        public EmbeddedKafkaBroker start() {
            boolean temporary = logDir == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("embedded-kafka-") : Files.createDirectories(logDir);
            } catch (IOException e) {
                throw new EmbeddedKafkaException("Cannot create the broker's log directory " + logDir, e);
            }
            EmbeddedKafkaException failure = null;
            // A random port can be taken by another process between probing and binding: retry with new ones.
            // A fixed port that is taken stays taken, so it gets one attempt.
            int attempts = port == 0 && controllerPort == 0 ? START_ATTEMPTS : 1;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    return startOnce(dir, temporary);
                } catch (EmbeddedKafkaException e) {
                    failure = e;
                    LOG.warn("Embedded Kafka broker failed to start (attempt {} of {}): {}", attempt, attempts,
                            e.toString());
                }
            }
            if (temporary) {
                try {
                    Directories.deleteRecursively(dir);
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
            throw failure;
        }

        private EmbeddedKafkaBroker startOnce(Path dir, boolean temporary) {
            int clientPort = port == 0 ? FreePorts.find() : port;
            int quorumPort = controllerPort == 0 ? FreePorts.find() : controllerPort;
            Properties props = BrokerConfig.properties(clientPort, quorumPort, dir, overrides);
            KafkaRaftServer server = null;
            try {
                if (!Storage.isFormatted(dir)) {
                    Storage.format(props);
                }
                server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
                server.startup();
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, clientPort, dir, temporary);
                awaitServing(broker);
                LOG.info("Embedded Kafka broker serving at {} (log dir {})", broker.bootstrapServers(), dir);
                return broker;
            } catch (IOException e) {
                stopQuietly(server);
                throw new EmbeddedKafkaException("Cannot prepare the broker's log directory " + dir + ": " + e, e);
            } catch (EmbeddedKafkaException e) {
                stopQuietly(server);
                throw e;
            } catch (RuntimeException e) {
                stopQuietly(server);
                throw new EmbeddedKafkaException("Embedded Kafka broker did not start on port " + clientPort
                        + " (controller port " + quorumPort + ", log dir " + dir + "): " + e.getMessage(), e);
            }
        }

        private void awaitServing(EmbeddedKafkaBroker broker) {
            try (Admin admin = Admin.create(broker.adminProperties())) {
                int nodes = admin.describeCluster().nodes().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS).size();
                if (nodes != 1) {
                    throw new EmbeddedKafkaException("Embedded Kafka broker reports " + nodes + " nodes, expected 1");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("Interrupted while waiting for the broker to start", e);
            } catch (Exception e) {
                throw e instanceof EmbeddedKafkaException ek ? ek : new EmbeddedKafkaException(
                        "Embedded Kafka broker at " + broker.bootstrapServers() + " did not answer within "
                                + startTimeout + ": " + e, e);
            }
        }

        private static void stopQuietly(KafkaRaftServer server) {
            if (server == null) {
                return;
            }
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.debug("Stopping a broker that failed to start failed too", e);
            }
        }

        private static int checkPort(int port, String what) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(what + " must be between 0 and 65535, was " + port);
            }
            return port;
        }
    }
}
