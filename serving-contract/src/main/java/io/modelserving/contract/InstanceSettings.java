package io.modelserving.contract;

import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the contract asks an adapter to start: one serving instance of an application.
 *
 * <pre>{@code
 * ServingInstance instance = start(settings);   // in your ServingContract subclass
 * ModelProcessor<Features, Prediction> processor = settings.processor().newProcessor();
 * ServingSpec<Features, Prediction> spec = settings.format().spec(processor);   // what start serves
 * }</pre>
 *
 * @param bootstrapServers the broker
 * @param topics           the topics to serve (they exist already)
 * @param applicationId    the application (Kafka Streams application id, consumer group, transactional id
 *                         prefix); instances started with the same id share the work
 * @param instanceName     a name unique within the application, e.g. for a state directory or client id
 * @param guarantee        the delivery guarantee
 * @param format           the format of data and scored records: serve with {@link RecordFormat#spec} of it
 * @param noModelPolicy    what to do with a record whose data type has no model
 * @param noModelWait      how long {@link NoModelPolicy#WAIT} waits
 * @param stateDir         a fresh directory this instance may use for local state; the same one is given when
 *                         the same instance is restarted
 * @param properties       extra client properties the test wants (may be empty)
 * @param processor        how to build the instance's model processor: start serves with
 *                         {@link ProcessorSettings#newProcessor()} of it
 */
public record InstanceSettings(String bootstrapServers, ServingTopics topics, String applicationId,
                               String instanceName, DeliveryGuarantee guarantee, RecordFormat format,
                               NoModelPolicy noModelPolicy, Duration noModelWait, Path stateDir,
                               Map<String, String> properties, ProcessorSettings processor) {

    public InstanceSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(noModelPolicy, "noModelPolicy");
        Objects.requireNonNull(noModelWait, "noModelWait");
        Objects.requireNonNull(stateDir, "stateDir");
        properties = Map.copyOf(properties);
        Objects.requireNonNull(processor, "processor");
    }

    /** Settings whose processor is built with {@link ProcessorSettings#defaults()}. */
    public InstanceSettings(String bootstrapServers, ServingTopics topics, String applicationId, String instanceName,
                            DeliveryGuarantee guarantee, RecordFormat format, NoModelPolicy noModelPolicy,
                            Duration noModelWait, Path stateDir, Map<String, String> properties) {
        this(bootstrapServers, topics, applicationId, instanceName, guarantee, format, noModelPolicy, noModelWait,
                stateDir, properties, ProcessorSettings.defaults());
    }

    /** These settings with another no-model policy and wait. */
    public InstanceSettings withNoModel(NoModelPolicy policy, Duration wait) {
        return new InstanceSettings(bootstrapServers, topics, applicationId, instanceName, guarantee, format, policy,
                wait, stateDir, properties, processor);
    }

    /** These settings with another way to build the processor. */
    public InstanceSettings withProcessor(ProcessorSettings newProcessor) {
        return new InstanceSettings(bootstrapServers, topics, applicationId, instanceName, guarantee, format,
                noModelPolicy, noModelWait, stateDir, properties, newProcessor);
    }
}
