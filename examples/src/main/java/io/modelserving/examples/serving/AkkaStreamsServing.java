package io.modelserving.examples.serving;

import akka.actor.ActorSystem;
import com.typesafe.config.ConfigFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ServingStats;
import io.modelserving.akka.javadsl.KafkaModelServing;
import io.modelserving.akka.javadsl.KafkaServingControl;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.akka.javadsl.ServingSettings;
import io.modelserving.http.ServingActivity;
import io.modelserving.http.ServingHttpServer;
import io.modelserving.kafka.InstanceDirectory;
import io.modelserving.kafka.ServingListener;
import io.modelserving.kafka.ServingSpec;
import io.modelserving.kafka.ServingView;
import io.modelserving.micrometer.ServingMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The serving microservice on Akka Streams with Alpakka Kafka, with its HTTP endpoints. */
final class AkkaStreamsServing implements ServingApp {

    private final ActorSystem system;
    private final ModelProcessor<Features, Prediction> processor;
    private final KafkaServingControl control;
    private final ServingHttpServer http;
    private final PeerList peers;
    private volatile String instance;

    private AkkaStreamsServing(ServingOptions options) {
        system = ActorSystem.create("modelserving", ConfigFactory.load());
        processor = ServingApp.processor(options);
        peers = new PeerList(options.peers()); // --peer addresses, and those discovered
        instance = options.advertisedHost() + ":" + options.httpPort();
        // tag::akka-streams-serving[]
        PrometheusMeterRegistry registry = ServingHttpServer.prometheusRegistry();
        ServingActivity activity = new ServingActivity(); // the last 10 minutes, for /activity and the dashboard
        // ServingSpec.of(processor, recordCodec, Codecs.predictions(), Features::dataType), in the chosen formats
        ServingSpec<Features, Prediction> spec = ServingApp.spec(options, processor);
        KafkaServingSettings settings = KafkaServingSettings.create(system)
                .withBootstrapServers(options.bootstrapServers())
                .withTopics(options.topics())
                .withDeliveryGuarantee(options.guarantee())
                .withGroupId(options.applicationId())
                .withStopTimeout(Duration.ofSeconds(1)) // drainAndShutdown already waits for records in flight
                .withServingSettings(ServingSettings.create(system)
                        .withParallelism(options.threads()) // one per core by default
                        .withNoModelPolicy(options.noModelPolicy())
                        .withNoModelWait(options.noModelWait())
                        .withListener(ServingListener.all(new ServingMetrics(registry), activity)));
        for (Map.Entry<String, String> property : options.kafka().properties().entrySet()) {
            settings = settings.withClientProperty(property.getKey(), property.getValue()); // security, for every client
        }
        if (options.instanceId().isPresent()) {
            settings = settings.withInstanceId(options.instanceId().get().value()); // resume at once after a restart
        }
        if (options.sessionTimeout().isPresent()) {
            settings = settings.withDataConsumerProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    Long.toString(options.sessionTimeout().get().toMillis()));
        }
        control = KafkaModelServing.run(system, settings, spec);
        ServingView view = control.view(() -> instance, peers); // the name and peers are known once HTTP is bound
        http = ServingHttpServer.builder(view, registry)
                .address(options.httpAddress())
                .activity(activity)
                .start();
        // end::akka-streams-serving[]
        try {
            discover(options);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Names this instance by its bound port and, unless turned off, finds the others through Kafka. */
    private void discover(ServingOptions options) {
        // tag::akka-streams-discovery[]
        instance = options.advertisedHost() + ":" + http.port();
        URI self = URI.create("http://" + instance);
        peers.exclude(self);
        if (options.discovery()) {
            peers.discover(InstanceDirectory.builder(options.kafka().clientProperties(), options.applicationId())
                    .start(instance, self)); // announces itself on <application-id>-instances, reads the others
        }
        // end::akka-streams-discovery[]
    }

    static ServingApp start(ServingOptions options) {
        return new AkkaStreamsServing(options);
    }

    @Override
    public CompletionStage<String> died() {
        CompletableFuture<String> died = new CompletableFuture<>();
        control.streamCompletion().whenComplete((done, failure) -> {
            if (failure != null) {
                died.complete("the serving stream failed: " + causes(failure));
            }
        });
        return died;
    }

    /**
     * The failure and every cause under it: the stream's failure is often a wrapper (Scala's "Boxed Exception"
     * around an interruption or an error) that says nothing by itself.
     */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        int depth = 0;
        for (Throwable cause = failure.getCause(); cause != null && depth < 8; cause = cause.getCause(), depth++) {
            text.append(", caused by ").append(cause);
        }
        return text.toString();
    }

    @Override
    public boolean ready() {
        return control.readiness().ready();
    }

    @Override
    public int httpPort() {
        return http.port();
    }

    @Override
    public Map<String, ServingStats> stats() {
        return processor.stats();
    }

    @Override
    public void close() {
        peers.close(); // first: the others stop asking this instance at once
        try {
            control.drainAndShutdown().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the stream is stopping anyway; the processor and system below are closed regardless
        } finally {
            http.close();
            processor.close();
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                // terminating anyway
            }
        }
    }
}
