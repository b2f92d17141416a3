package io.modelserving.examples.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Utils;

/**
 * Admin clients of the examples, bounded in time: a call to a cluster that does not answer fails after
 * {@value #DEFAULT_API_TIMEOUT_MS} ms (each request after {@value #REQUEST_TIMEOUT_MS} ms) instead of Kafka's
 * minute. A cluster's own client properties win; when they set only one of the two timeouts, the other is fitted
 * to it, since Kafka refuses an API timeout shorter than the request timeout.
 *
 * <pre>{@code
 * ClusterAdmin.requireReachable(cluster); // fails within seconds, naming the servers
 * try (Admin admin = ClusterAdmin.create(cluster)) {
 *     admin.createTopics(topics).all().get();
 * }
 * }</pre>
 */
public final class ClusterAdmin {

    static final int DEFAULT_API_TIMEOUT_MS = 10_000;
    static final int REQUEST_TIMEOUT_MS = 5_000;

    private ClusterAdmin() {
    }

    public static Admin create(KafkaConnection cluster) {
        return Admin.create(properties(cluster));
    }

    static Properties properties(KafkaConnection cluster) {
        Properties props = cluster.clientProperties();
        Object request = props.get(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG);
        if (!props.containsKey(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)) {
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    Long.toString(Math.max(DEFAULT_API_TIMEOUT_MS, millis(request, 0))));
        }
        if (request == null) {
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(REQUEST_TIMEOUT_MS,
                    millis(props.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG), REQUEST_TIMEOUT_MS))));
        }
        return props;
    }

    /**
     * Asks the cluster for its brokers and returns once one answered.
     *
     * @throws IllegalArgumentException when a bootstrap server is not {@code host:port}
     * @throws IllegalStateException    naming the bootstrap servers, when none answered within the API timeout, none
     *                                  resolves, or the connection was refused (authentication, TLS)
     */
    public static void requireReachable(KafkaConnection cluster) {
        requireResolvable(cluster.bootstrapServers());
        Properties props = properties(cluster);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                long seconds = millis(props.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG), 0) / 1000;
                throw new IllegalStateException("cannot reach Kafka at " + cluster.bootstrapServers()
                        + ": no broker answered within " + seconds + " s", e.getCause());
            }
            throw new IllegalStateException("cannot connect to Kafka at " + cluster.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka at " + cluster.bootstrapServers(), e);
        }
    }

    /**
     * Checks the servers before Kafka does, which would log a warning per unknown host and then fail without
     * naming them.
     *
     * @throws IllegalArgumentException when a server is not {@code host:port}
     * @throws IllegalStateException    when no server's host resolves
     */
    private static void requireResolvable(String bootstrapServers) {
        List<String> servers = Arrays.stream(bootstrapServers.split(",")).map(String::trim)
                .filter(server -> !server.isEmpty()).toList();
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap servers given");
        }
        List<String> unknown = new ArrayList<>();
        for (String server : servers) {
            String host = Utils.getHost(server);
            if (host == null || Utils.getPort(server) == null) {
                throw new IllegalArgumentException("bootstrap server '" + server + "' is not host:port");
            }
            try {
                InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                unknown.add(host);
            }
        }
        if (unknown.size() == servers.size()) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": unknown host"
                    + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown));
        }
    }

    /** A timeout property's value in ms; {@code fallback} when absent or not a number (Kafka then says why). */
    private static long millis(Object value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
