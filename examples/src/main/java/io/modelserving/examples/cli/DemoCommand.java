package io.modelserving.examples.cli;

import io.modelserving.examples.demo.DemoRun;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.testkit.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The whole system at once, on an embedded broker unless one is given. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole system: broker, serving, a model, data, a second model mid-stream, a summary. "
                + "Exits 0 only when every record was accounted for.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--engine", defaultValue = "kafka-streams", description = "kafka-streams or akka-streams. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--records", defaultValue = "10000", description = "Data records to stream. Default: ${DEFAULT-VALUE}.")
    long records;

    @Option(names = "--rate", defaultValue = "2000", description = "Records per second; 0 for as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of an embedded broker.")
    String bootstrapServers;

    @Option(names = "--guarantee", defaultValue = "at-least-once", description = "at-least-once or exactly-once (akka-streams: also at-most-once). Default: ${DEFAULT-VALUE}.")
    String guarantee;

    @Option(names = "--http-port", defaultValue = "8080", description = "Port of the HTTP endpoint; 0 for any free port. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the last outputs. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        ServingApp.Engine chosen = ServingApp.Engine.parse(engine);
        DeliveryGuarantee chosenGuarantee = DeliveryGuarantee.parse(guarantee);
        chosen.check(chosenGuarantee);
        Path stateDir = Files.createTempDirectory("modelserving-demo");
        EmbeddedKafkaBroker broker = null;
        try {
            String servers = bootstrapServers;
            if (servers == null) {
                System.out.println("Starting an embedded Kafka broker …");
                broker = EmbeddedKafkaBroker.start();
                servers = broker.bootstrapServers();
                System.out.println("Kafka broker at " + servers);
            }
            ServingOptions options = ServingOptions.builder(KafkaConnection.of(servers), stateDir)
                    .guarantee(chosenGuarantee)
                    .bindAddress("localhost") // a demo: not reachable from other machines
                    .httpPort(httpPort)
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
}
