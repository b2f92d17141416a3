package io.modelserving.benchmarks.endtoend;

import akka.actor.ActorSystem;
import com.typesafe.config.ConfigFactory;
import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.akka.javadsl.KafkaModelServing;
import io.modelserving.akka.javadsl.KafkaServingControl;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.kafka.ServingSpec;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.onnx.OnnxModelFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Akka Streams adapter's Kafka wiring at the run's guarantee and parallelism, scoring {@link Features} with ONNX models. */
final class AkkaServingPipeline implements Pipeline {

    private final ActorSystem system;
    private final ModelProcessor<Features, Prediction> processor;
    private final KafkaServingSettings settings;
    private KafkaServingControl control;

    AkkaServingPipeline(String bootstrapServers, ServingTopics topics, String groupId, PipelineSetup setup) {
        system = system();
        processor = ModelProcessor.<Features, Prediction>builder().factories(List.of(new OnnxModelFactory())).build();
        settings = settings(system, bootstrapServers, topics, groupId, setup);
    }

    /**
     * A new actor system for one pipeline, logging warnings only. Alpakka's transactional source waits out the
     * consumer's commit-timeout (15 s) when it stops, for offsets its sink has committed already: at exactly-once
     * every run would take 15 s longer to close, though no output depends on it, so the harness waits 2 s.
     */
    static ActorSystem system() {
        return ActorSystem.create("benchmark", ConfigFactory.parseString("""
                akka.loglevel = WARNING
                akka.stdout-loglevel = WARNING
                akka.kafka.consumer.commit-timeout = 2s
                """).withFallback(ConfigFactory.load()));
    }

    /**
     * The adapter's settings at the run's guarantee and scoring parallelism (as {@code serve --threads} sets it):
     * everything else as reference.conf ships it, the defaults a user gets. The hand-written graph takes its
     * clients, batching and commits from these too.
     */
    static KafkaServingSettings settings(ActorSystem system, String bootstrapServers, ServingTopics topics,
                                         String groupId, PipelineSetup setup) {
        KafkaServingSettings defaults = KafkaServingSettings.create(system);
        return defaults
                .withServingSettings(defaults.serving().withParallelism(setup.threads()))
                .withBootstrapServers(bootstrapServers)
                .withTopics(topics)
                .withDeliveryGuarantee(setup.guarantee())
                .withGroupId(groupId)
                .withStopTimeout(Duration.ZERO);
    }

    @Override
    public void start() {
        control = KafkaModelServing.run(system, settings, ServingSpec.forFeatures(processor));
    }

    @Override
    public void close() {
        try {
            if (control != null) {
                control.drainAndShutdown().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Akka serving did not stop cleanly: " + e, e);
        } finally {
            processor.close();
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the JVM exits after the run anyway; the next run uses a new system
            }
        }
    }
}
