package io.modelserving.examples.cli;

import io.modelserving.testkit.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A standalone single-node KRaft broker, until stopped (SIGTERM or Ctrl-C stop it cleanly). */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) until stopped.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Listener port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--dir", description = "Log directory, kept across restarts. Default: a temporary one, deleted at exit.")
    Path dir;

    @Override
    public Integer call() throws InterruptedException {
        Checks.port("--port", port);
        KafkaLogs.errorsOnly();
        LocalPorts.requireFree("--port", "127.0.0.1", port);
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(port);
        if (dir != null) {
            builder.logDir(dir);
        }
        EmbeddedKafkaBroker broker = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (log dir " + broker.logDir() + ")");
        stopped.await();
        return 0;
    }
}
