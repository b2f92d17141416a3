package io.modelserving.examples.cli;

import io.modelserving.examples.demo.DemoRun;
import io.modelserving.examples.kafka.ClusterAdmin;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.testkit.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The whole system at once, on an embedded broker unless one is given. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole system: broker, serving, a model, data, a second model mid-stream with a third "
                + "as its shadow, the shadow promoted, a summary. "
                + "Exits 0 only when every record was accounted for.")
final class DemoCommand implements Callable<Integer> {

    static final int DEFAULT_HTTP_PORT = 8080;
    private static final String HTTP_HOST = "localhost"; // a demo: not reachable from other machines

    @Option(names = "--engine", defaultValue = "kafka-streams", description = "kafka-streams, akka-streams or pekko-streams. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--records", defaultValue = "10000", description = "Data records to stream. Default: ${DEFAULT-VALUE}.")
    long records;

    @Option(names = "--rate", defaultValue = "2000", description = "Records per second; 0 for as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of an embedded broker.")
    String bootstrapServers;

    @Mixin
    ClientOptions client;

    @Option(names = "--guarantee", defaultValue = "at-least-once", description = "at-least-once or exactly-once (akka-streams, pekko-streams: also at-most-once). Default: ${DEFAULT-VALUE}.")
    String guarantee;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the HTTP endpoint; 0 for any free port. "
            + "Default: " + DEFAULT_HTTP_PORT + ", or a free port when " + DEFAULT_HTTP_PORT + " is taken.")
    Integer httpPort;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the last outputs. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        ServingApp.Engine chosen = ServingApp.Engine.parse(engine);
        DeliveryGuarantee chosenGuarantee = DeliveryGuarantee.parse(guarantee);
        chosen.check(chosenGuarantee);
        if (records < 4) {
            throw new IllegalArgumentException("--records must be at least 4 (the demo swaps models halfway and "
                    + "promotes a shadow at three quarters), was " + records);
        }
        Checks.rate("--rate", rate);
        Checks.positive("--timeout", timeoutSeconds);
        int port = choosePort();
        KafkaLogs.errorsOnly();
        KafkaConnection given = bootstrapServers == null ? null : client.cluster(bootstrapServers);
        if (given != null) {
            ClusterAdmin.requireReachable(given);
        }
        Path stateDir = Files.createTempDirectory("modelserving-demo");
        EmbeddedKafkaBroker broker = null;
        try {
            KafkaConnection cluster = given;
            if (cluster == null) {
                System.out.println("Starting an embedded Kafka broker …");
                broker = EmbeddedKafkaBroker.start();
                cluster = KafkaConnection.of(broker.bootstrapServers());
                System.out.println("Kafka broker at " + cluster.bootstrapServers());
            }
            ServingOptions options = ServingOptions.builder(cluster, stateDir)
                    .guarantee(chosenGuarantee)
                    .bindAddress(HTTP_HOST)
                    .httpPort(port)
                    .build();
            boolean ok = new DemoRun(chosen, options, records, rate, timeoutSeconds * 1000, System.out).run();
            return ok ? 0 : 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
            Directories.deleteQuietly(stateDir);
        }
    }

    /** The port given, if free; else the default, if free; else any free port (0). */
    private int choosePort() {
        if (httpPort != null) {
            LocalPorts.requireFree("--http-port", HTTP_HOST, Checks.port("--http-port", httpPort));
            return httpPort;
        }
        if (LocalPorts.isFree(HTTP_HOST, DEFAULT_HTTP_PORT)) {
            return DEFAULT_HTTP_PORT;
        }
        System.out.println("Port " + DEFAULT_HTTP_PORT + " is taken: the HTTP endpoint takes a free port instead.");
        return 0;
    }
}
