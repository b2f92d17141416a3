package io.modelserving.testkit.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The server properties of a single-node KRaft broker that is its own controller. */
public final class BrokerConfig {

    /** The only node of the cluster: broker and controller at once. */
    public static final int NODE_ID = 1;

    private BrokerConfig() {
    }

    /**
     * Properties for one node on {@code 127.0.0.1}; {@code overrides} win over every default.
     *
     * @param port           the client (PLAINTEXT) port
     * @param controllerPort the KRaft controller port
     * @param logDir         where the node keeps its logs and metadata
     */
    public static Properties properties(int port, int controllerPort, Path logDir, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic must make do with one replica, or groups and transactions never start.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: the first group or transaction then starts in a fraction of the time.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.num.partitions", "5");
        // Tests join groups constantly; the default 3 s delay would be paid on each first join.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The compaction buffer is 128 MiB by default, allocated per broker; tests compact tiny topics.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8L * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.putAll(overrides);
        return props;
    }
}
