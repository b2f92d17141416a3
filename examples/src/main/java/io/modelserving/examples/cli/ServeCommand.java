package io.modelserving.examples.cli;

import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.NoModelPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The serving microservice alone, until stopped (SIGTERM or Ctrl-C stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve models: score the data topic with the current model, write scored records and dead letters.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--engine", required = true, description = "kafka-streams or akka-streams.")
    String engine;

    @Option(names = "--guarantee", defaultValue = "at-least-once",
            description = "at-most-once (akka-streams only), at-least-once or exactly-once. Default: ${DEFAULT-VALUE}.")
    String guarantee;

    @Option(names = "--http-port", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--application-id", defaultValue = "modelserving-examples",
            description = "Kafka Streams application id / consumer group. Default: ${DEFAULT-VALUE}.")
    String applicationId;

    @Option(names = "--allowed-model-dir", description = "A directory models may be loaded from by location (repeatable).")
    List<Path> allowedModelDirs = List.of();

    @Option(names = "--no-model", defaultValue = "wait", description = "wait or dead-letter: whether a record waits for its data type's model while it loads. Default: ${DEFAULT-VALUE}.")
    String noModel;

    @Option(names = "--state-dir", description = "Local state directory. Default: a new temporary one.")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        ServingApp.Engine chosen = ServingApp.Engine.parse(engine);
        DeliveryGuarantee chosenGuarantee = DeliveryGuarantee.parse(guarantee);
        chosen.check(chosenGuarantee);
        NoModelPolicy policy = NoModelPolicy.parse(noModel);
        Path state = stateDir != null ? stateDir : Files.createTempDirectory("modelserving-serve");
        ServingOptions defaults = ServingOptions.defaults(kafka.bootstrapServers, state);
        ServingOptions options = new ServingOptions(kafka.bootstrapServers, kafka.topics(),
                chosenGuarantee, applicationId, httpPort,
                policy,
                defaults.noModelWait(), defaults.limits(), state)
                .withAllowedModelDirectories(allowedModelDirs);
        TopicSetup.ensure(kafka.bootstrapServers, options.topics());
        ServingApp app = ServingApp.start(chosen, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "serve-shutdown"));
        System.out.printf("Serving %s → %s on %s (%s); HTTP on port %d%n", kafka.dataTopic, kafka.scoredTopic,
                engine, options.guarantee(), app.httpPort());
        long start = System.nanoTime();
        while (!app.ready() && System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(100);
        }
        System.out.println(app.ready() ? "Ready." : "Not ready yet after 60 s (no model published?); still running.");
        stopped.await();
        return 0;
    }
}
