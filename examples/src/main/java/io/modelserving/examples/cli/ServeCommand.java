package io.modelserving.examples.cli;

import io.modelserving.Features;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.data.OutputFormat;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.InstanceId;
import io.modelserving.kafka.NoModelPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The serving microservice alone, until stopped (SIGTERM or Ctrl-C stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve models: score the data topic with the current model, write scored records and dead letters.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    DataFormatOptions data;

    @Mixin
    OutputFormatOption output;

    @Option(names = "--engine", required = true, description = "kafka-streams, akka-streams or pekko-streams.")
    String engine;

    @Option(names = "--guarantee", defaultValue = "at-least-once",
            description = "at-most-once (akka-streams and pekko-streams only), at-least-once or exactly-once. Default: ${DEFAULT-VALUE}.")
    String guarantee;

    @Option(names = "--http-port", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--bind-address", defaultValue = ServingOptions.ALL_INTERFACES,
            description = "Interface the HTTP endpoint listens on. Default: ${DEFAULT-VALUE} (all).")
    String bindAddress;

    @Option(names = "--advertised-host", defaultValue = "localhost",
            description = "Host name other instances reach this one's HTTP endpoint by (Kafka Streams' "
                    + "application.server, the instance name in answers). Default: ${DEFAULT-VALUE}.")
    String advertisedHost;

    @Option(names = "--replication-factor", description = "Replication factor of the topics serve creates when they "
            + "do not exist. Default: the broker's default.replication.factor.")
    Short replicationFactor;

    @Option(names = "--application-id", defaultValue = "modelserving-examples",
            description = "Kafka Streams application id / consumer group. Default: ${DEFAULT-VALUE}.")
    String applicationId;

    @Option(names = "--allowed-model-dir", description = "A directory models may be loaded from by location (repeatable).")
    List<Path> allowedModelDirs = List.of();

    @Option(names = "--no-model", defaultValue = "wait", description = "wait or dead-letter: whether a record waits for its data type's model while it loads. Default: ${DEFAULT-VALUE}.")
    String noModel;

    @Option(names = "--state-dir", description = "Local state directory, kept. Default: with --instance-id, "
            + "modelserving-state/<application-id>/<instance-id> under the system temp dir, kept across restarts; "
            + "without, a new temporary one, deleted at exit.")
    Path stateDir;

    @Option(names = "--instance-id", description = "This instance's stable identity across restarts (letters, "
            + "digits, '.', '_', '-'), e.g. the pod name: a restart takes its partitions back and resumes at once. "
            + "Two live instances must not share one.")
    String instanceId;

    @Option(names = "--session-timeout", description = "Seconds without a heartbeat before the group gives a dead "
            + "instance's partitions to the others. Default: Kafka's (45).")
    Integer sessionTimeoutSeconds;

    @Option(names = "--threads", description = "How many threads score at once: Kafka Streams' stream threads "
            + "(give the data topic at least as many partitions), or the Akka and Pekko adapters' scoring "
            + "parallelism. Default: one per core.")
    Integer threads;

    @Option(names = "--peer", description = "HTTP address (http://host:port) of another instance of the application, "
            + "for /state (repeatable; akka-streams and pekko-streams only: Kafka Streams instances find each other), besides those "
            + "found through Kafka.")
    List<URI> peers = List.of();

    @Option(names = "--no-discovery", description = "akka-streams, pekko-streams: do not announce this instance "
            + "on the topic <application-id>-instances nor find the others there; only --peer addresses are asked.")
    boolean noDiscovery;

    @Override
    public Integer call() throws Exception {
        ServingApp.Engine chosen = ServingApp.Engine.parse(engine);
        DeliveryGuarantee chosenGuarantee = DeliveryGuarantee.parse(guarantee);
        chosen.check(chosenGuarantee);
        NoModelPolicy policy = NoModelPolicy.parse(noModel);
        RecordCodec<Features> records = data.codec();
        OutputFormat scored = output.format();
        InstanceId identity = instanceId == null ? null : InstanceId.of(instanceId);
        if (sessionTimeoutSeconds != null && sessionTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("--session-timeout must be positive, was " + sessionTimeoutSeconds);
        }
        if (threads != null && threads <= 0) {
            throw new IllegalArgumentException("--threads must be positive, was " + threads);
        }
        if (replicationFactor != null && replicationFactor <= 0) {
            throw new IllegalArgumentException("--replication-factor must be positive, was " + replicationFactor);
        }
        LocalPorts.requireFree("--http-port", bindAddress, Checks.port("--http-port", httpPort));
        KafkaConnection cluster = kafka.reachableCluster();
        Path state = stateDir(identity);
        ServingOptions.Builder builder = ServingOptions.builder(cluster, state)
                .topics(kafka.topics())
                .guarantee(chosenGuarantee)
                .applicationId(applicationId)
                .bindAddress(bindAddress)
                .httpPort(httpPort)
                .advertisedHost(advertisedHost)
                .noModelPolicy(policy)
                .allowedModelDirectories(allowedModelDirs)
                .peers(peers)
                .discovery(!noDiscovery)
                .dataCodec(records)
                .outputFormat(scored);
        if (identity != null) {
            builder.instanceId(identity);
        }
        if (sessionTimeoutSeconds != null) {
            builder.sessionTimeout(Duration.ofSeconds(sessionTimeoutSeconds));
        }
        if (threads != null) {
            builder.threads(threads);
        }
        ServingOptions options = builder.build();
        TopicSetup.ensure(cluster, options.topics(), Optional.ofNullable(replicationFactor));

        AtomicReference<ServingApp> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ServingApp app = running.getAndSet(null);
            if (app != null) {
                app.close();
            }
            if (stateDir == null && identity == null) {
                Directories.deleteQuietly(state);
            }
            stopped.countDown();
        }, "serve-shutdown"));
        ServingApp app = ServingApp.start(chosen, options);
        running.set(app);
        System.out.printf("Serving %s → %s on %s (%s%s); HTTP on port %d%n", kafka.dataTopic, kafka.scoredTopic,
                engine, options.guarantee(), identity == null ? "" : ", instance " + identity, app.httpPort());
        long start = System.nanoTime();
        while (!app.ready() && System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(100);
        }
        System.out.println(app.ready() ? "Ready." : "Not ready yet after 60 s (no model published?); still running.");
        app.died().thenAccept(reason -> {
            System.err.println("error: the engine stopped: " + reason + "; exiting so that a supervisor restarts it");
            // Not on the engine's own thread, which the shutdown hook's close() waits for.
            new Thread(() -> System.exit(1), "serve-exit").start();
        });
        stopped.await();
        return 0;
    }

    private Path stateDir(InstanceId identity) throws IOException {
        if (stateDir != null) {
            return Files.createDirectories(stateDir);
        }
        if (identity != null) {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "modelserving-state",
                    applicationId, identity.value()));
        }
        return Files.createTempDirectory("modelserving-serve");
    }
}
