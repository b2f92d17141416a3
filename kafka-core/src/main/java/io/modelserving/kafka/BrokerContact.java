package io.modelserving.kafka;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether an instance's consumers still reach the cluster, read from their client metrics: part of readiness, so
 * {@code GET /health} says DOWN while the brokers are unreachable and UP again once a consumer has reconnected.
 *
 * <pre>{@code
 * Optional<String> lost = BrokerContact.lost(streams.metrics());
 * Readiness readiness = lost.map(Readiness::down).orElseGet(Readiness::up);
 * }</pre>
 */
public final class BrokerContact {

    private static final String GROUP = "consumer-metrics";
    private static final String CONNECTIONS = "connection-count";

    private BrokerContact() {
    }

    /**
     * Why the instance is cut off: present when the metrics hold consumers and none of them has an open connection
     * to a broker. A consumer that serves keeps at least one (to its group coordinator and the leaders it fetches
     * from), so losing them all means the cluster is out of reach.
     */
    public static Optional<String> lost(Map<MetricName, ? extends Metric> metrics) {
        boolean anyConsumer = false;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (GROUP.equals(name.group()) && CONNECTIONS.equals(name.name())) {
                anyConsumer = true;
                if (entry.getValue().metricValue() instanceof Number count && count.doubleValue() > 0) {
                    return Optional.empty();
                }
            }
        }
        return anyConsumer ? Optional.of("no connection to any Kafka broker") : Optional.empty();
    }
}
