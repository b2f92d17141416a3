package io.modelserving.akka.contract;

import akka.actor.ActorSystem;
import com.typesafe.config.ConfigFactory;
import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ServingStats;
import io.modelserving.akka.javadsl.KafkaModelServing;
import io.modelserving.akka.javadsl.KafkaServingControl;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.akka.javadsl.ServingSettings;
import io.modelserving.contract.InstanceSettings;
import io.modelserving.contract.ServingInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One instance of the Akka adapter, in its own actor system, as the contract starts and stops it. */
final class AkkaServingInstance implements ServingInstance {

    private final ActorSystem system;
    private final ModelProcessor<Features, Prediction> processor;
    private final KafkaServingControl control;

    private AkkaServingInstance(InstanceSettings instance) {
        system = ActorSystem.create("serving-" + instance.instanceName(),
                ConfigFactory.parseString("akka.loglevel = WARNING").withFallback(ConfigFactory.load()));
        processor = instance.processor().newProcessor();
        ServingSettings serving = ServingSettings.create(system).withNoModelPolicy(instance.noModelPolicy())
                .withNoModelWait(instance.noModelWait());
        KafkaServingSettings settings = KafkaServingSettings.create(system)
                .withBootstrapServers(instance.bootstrapServers())
                .withTopics(instance.topics())
                .withGroupId(instance.applicationId())
                .withDeliveryGuarantee(instance.guarantee())
                .withStopTimeout(Duration.ZERO)
                .withServingSettings(serving);
        for (Map.Entry<String, String> property : instance.properties().entrySet()) {
            settings = settings.withClientProperty(property.getKey(), property.getValue());
        }
        control = KafkaModelServing.run(system, settings, instance.format().spec(processor));
    }

    static AkkaServingInstance start(InstanceSettings settings) {
        return new AkkaServingInstance(settings);
    }

    @Override
    public boolean ready() {
        return control.readiness().ready();
    }

    @Override
    public Map<String, ModelInfo> currentModels() {
        return control.currentModels();
    }

    @Override
    public Map<String, List<ModelInfo>> candidateModels() {
        return control.candidateModels();
    }

    @Override
    public ServingStats stats(String dataType) {
        return processor.stats(dataType);
    }

    @Override
    public void close() {
        try {
            control.drainAndShutdown().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("draining the serving stream failed", e);
        } finally {
            processor.close();
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
        }
    }
}
