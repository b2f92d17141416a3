package io.modelserving.akka.javadsl;

import akka.actor.ActorSystem;
import akka.kafka.CommitterSettings;
import akka.kafka.ConsumerSettings;
import akka.kafka.ProducerSettings;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.InstanceId;
import io.modelserving.kafka.ServingCore;
import io.modelserving.kafka.ServingTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Settings of {@link KafkaModelServing}: the topics, the delivery guarantee, and Alpakka's consumer, producer and
 * committer settings. Immutable; every {@code withX} returns a copy. Defaults come from
 * {@code modelserving.akka.kafka} and Alpakka's own {@code akka.kafka.*} sections of {@code reference.conf}.
 *
 * <pre>{@code
 * KafkaServingSettings settings = KafkaServingSettings.create(system)
 *         .withBootstrapServers("localhost:9092")
 *         .withGroupId("wine-scoring")
 *         .withTopics(ServingTopics.defaults().withData("wine"))
 *         .withDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE);
 * }</pre>
 */
public final class KafkaServingSettings {

    /** The config section read by {@link #create(ActorSystem)}. */
    public static final String CONFIG_PATH = "modelserving.akka.kafka";

    private final ServingSettings serving;
    private final ServingTopics topics;
    private final DeliveryGuarantee guarantee;
    private final String groupId;
    private final Duration stopTimeout;
    private final Duration restoreTimeout;
    private final String transactionalId;
    private final ConsumerSettings<byte[], byte[]> consumer;
    private final Map<String, String> dataConsumerProperties;
    private final ProducerSettings<byte[], byte[]> producer;
    private final CommitterSettings committer;
    private final InstanceId instanceId;
    private final Duration commitTimeout;

    private KafkaServingSettings(ServingSettings serving, ServingTopics topics, DeliveryGuarantee guarantee,
                                 String groupId, Duration stopTimeout, Duration restoreTimeout, String transactionalId,
                                 ConsumerSettings<byte[], byte[]> consumer, Map<String, String> dataConsumerProperties,
                                 ProducerSettings<byte[], byte[]> producer, CommitterSettings committer,
                                 InstanceId instanceId, Duration commitTimeout) {
        this.serving = Objects.requireNonNull(serving, "serving");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.guarantee = Objects.requireNonNull(guarantee, "guarantee");
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("group-id must not be blank, was '" + groupId + "'");
        }
        if (stopTimeout == null || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stop-timeout must be zero or positive, was " + stopTimeout);
        }
        if (restoreTimeout == null || restoreTimeout.isZero() || restoreTimeout.isNegative()) {
            throw new IllegalArgumentException("model-restore-timeout must be positive, was " + restoreTimeout);
        }
        this.groupId = groupId;
        this.stopTimeout = stopTimeout;
        this.restoreTimeout = restoreTimeout;
        this.transactionalId = Objects.requireNonNull(transactionalId, "transactionalId");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.dataConsumerProperties = Map.copyOf(dataConsumerProperties);
        this.producer = Objects.requireNonNull(producer, "producer");
        this.committer = Objects.requireNonNull(committer, "committer");
        this.instanceId = instanceId;
        if (commitTimeout == null || commitTimeout.isZero() || commitTimeout.isNegative()) {
            throw new IllegalArgumentException("commit-timeout must be positive, was " + commitTimeout);
        }
        this.commitTimeout = commitTimeout;
    }

    /** The settings of the system's config. */
    public static KafkaServingSettings create(ActorSystem system) {
        Config root = system.settings().config();
        Config kafka = root.getConfig(CONFIG_PATH);
        Map<String, String> common = properties(kafka.getConfig("kafka-clients"));
        ConsumerSettings<byte[], byte[]> consumer = ConsumerSettings.create(root.getConfig("akka.kafka.consumer"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).withProperties(common);
        ProducerSettings<byte[], byte[]> producer = ProducerSettings.create(root.getConfig("akka.kafka.producer"),
                new ByteArraySerializer(), new ByteArraySerializer()).withProperties(common);
        String servers = kafka.getString("bootstrap-servers");
        if (!servers.isBlank()) {
            consumer = consumer.withBootstrapServers(servers);
            producer = producer.withBootstrapServers(servers);
        }
        CommitterSettings committer = CommitterSettings.create(root.getConfig("akka.kafka.committer"))
                .withMaxBatch(kafka.getLong("committer.max-batch"))
                .withMaxInterval(kafka.getDuration("committer.max-interval"));
        Config topics = kafka.getConfig("topics");
        String instanceId = kafka.getString("instance-id");
        return new KafkaServingSettings(ServingSettings.create(system),
                ServingTopics.of(topics.getString("data"), topics.getString("models"), topics.getString("scored"),
                        topics.getString("dead-letters")),
                DeliveryGuarantee.parse(kafka.getString("delivery-guarantee")), kafka.getString("group-id"),
                kafka.getDuration("stop-timeout"), kafka.getDuration("model-restore-timeout"),
                kafka.getString("transactional-id"), consumer,
                properties(kafka.getConfig("data-consumer.kafka-clients")), producer, committer,
                instanceId.isBlank() ? null : InstanceId.of(instanceId), kafka.getDuration("commit-timeout"));
    }

    private static Map<String, String> properties(Config block) {
        Map<String, String> properties = new HashMap<>();
        for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
            properties.put(entry.getKey(), String.valueOf(entry.getValue().unwrapped()));
        }
        return properties;
    }

    /**
     * The largest output record the serving core writes: 95 % of the producer's {@code max.request.size} when it
     * is set, else {@link io.modelserving.kafka.ServingCore#DEFAULT_MAX_OUTPUT_BYTES}. A larger output becomes a
     * dead letter without the oversized bytes.
     */
    public int maxOutputBytes() {
        String configured = producer.getProperty("max.request.size");
        if (configured == null || configured.isBlank()) {
            return ServingCore.DEFAULT_MAX_OUTPUT_BYTES;
        }
        return Math.max(1024, (int) (Long.parseLong(configured.trim()) * 95 / 100));
    }

    public ServingSettings serving() {
        return serving;
    }

    public ServingTopics topics() {
        return topics;
    }

    public DeliveryGuarantee deliveryGuarantee() {
        return guarantee;
    }

    public String groupId() {
        return groupId;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** The longest the start may take to read the model topic up to its end. */
    public Duration modelRestoreTimeout() {
        return restoreTimeout;
    }

    public KafkaServingSettings withModelRestoreTimeout(Duration value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, value, transactionalId,
                consumer, dataConsumerProperties, producer, committer, instanceId, commitTimeout);
    }

    /** The transactional id prefix; the group id when none is set. */
    public String transactionalIdPrefix() {
        return transactionalId.isBlank() ? groupId : transactionalId;
    }

    /**
     * The transactional id of exactly-once: the prefix and the instance id, the same after a restart, or the
     * prefix and a random suffix for an instance without an id (two live producers with one id fence each other).
     */
    public String transactionalId() {
        return instanceId().map(id -> id.transactionalId(transactionalIdPrefix()))
                .orElseGet(() -> transactionalIdPrefix() + "-" + UUID.randomUUID());
    }

    /** This instance's stable identity, if it has one; see {@link #withInstanceId(String)}. */
    public Optional<InstanceId> instanceId() {
        return Optional.ofNullable(instanceId);
    }

    /**
     * Gives this instance a stable identity: static membership of the data consumer's group
     * ({@code group.instance.id}) and a stable transactional id, so a restarted instance resumes at once. A
     * clean {@link KafkaServingControl#drainAndShutdown()} leaves the group; a crashed instance keeps its
     * partitions until its session times out. See {@link InstanceId} for the trade-off.
     *
     * @throws IllegalArgumentException for an id Kafka would refuse
     */
    public KafkaServingSettings withInstanceId(String value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer, dataConsumerProperties, producer, committer, InstanceId.of(value),
                commitTimeout);
    }

    /** Sets a raw property of the data consumer only, e.g. {@code session.timeout.ms}. */
    public KafkaServingSettings withDataConsumerProperty(String key, String value) {
        Map<String, String> properties = new HashMap<>(dataConsumerProperties);
        properties.put(key, value);
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer, properties, producer, committer, instanceId, commitTimeout);
    }

    /**
     * How long an offset commit may wait for the broker before the stream fails, under at-most-once and
     * at-least-once. Exactly-once commits in producer transactions, and Alpakka uses its consumer's commit timeout
     * there as the wait for in-flight records when a partition is revoked or the stream stops, so it keeps
     * Alpakka's own.
     */
    public Duration commitTimeout() {
        return commitTimeout;
    }

    public KafkaServingSettings withCommitTimeout(Duration value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer, dataConsumerProperties, producer, committer, instanceId, value);
    }

    /**
     * The data consumer: the shared consumer settings plus group id, stop timeout, its own properties, the
     * static membership of the instance id, and (but for exactly-once) the commit timeout.
     */
    public ConsumerSettings<byte[], byte[]> dataConsumerSettings() {
        ConsumerSettings<byte[], byte[]> data =
                consumer.withProperties(dataConsumerProperties).withGroupId(groupId).withStopTimeout(stopTimeout);
        if (guarantee != DeliveryGuarantee.EXACTLY_ONCE) {
            data = data.withCommitTimeout(commitTimeout);
        }
        return instanceId == null ? data
                : data.withProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId.value());
    }

    /**
     * The model consumer: manually assigned to every partition of the model topic and read from the beginning,
     * so it joins no group and commits nothing.
     */
    public ConsumerSettings<byte[], byte[]> modelConsumerSettings() {
        return consumer.withProperty("auto.offset.reset", "earliest").withProperty("enable.auto.commit", "false")
                .withStopTimeout(Duration.ZERO);
    }

    public ProducerSettings<byte[], byte[]> producerSettings() {
        return producer;
    }

    public CommitterSettings committerSettings() {
        return committer;
    }

    public KafkaServingSettings withServingSettings(ServingSettings value) {
        return new KafkaServingSettings(value, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer, dataConsumerProperties, producer, committer, instanceId, commitTimeout);
    }

    public KafkaServingSettings withTopics(ServingTopics value) {
        return new KafkaServingSettings(serving, value, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer, dataConsumerProperties, producer, committer, instanceId, commitTimeout);
    }

    public KafkaServingSettings withDeliveryGuarantee(DeliveryGuarantee value) {
        return new KafkaServingSettings(serving, topics, value, groupId, stopTimeout, restoreTimeout, transactionalId,
                consumer, dataConsumerProperties, producer, committer, instanceId, commitTimeout);
    }

    /** The consumer group shared by the instances of one application. */
    public KafkaServingSettings withGroupId(String value) {
        return new KafkaServingSettings(serving, topics, guarantee, value, stopTimeout, restoreTimeout,
                transactionalId, consumer, dataConsumerProperties, producer, committer, instanceId, commitTimeout);
    }

    /** Alpakka's stop-timeout of the data consumer; 0 in tests, so a drain does not wait it out. */
    public KafkaServingSettings withStopTimeout(Duration value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, value, restoreTimeout, transactionalId,
                consumer, dataConsumerProperties, producer, committer, instanceId, commitTimeout);
    }

    public KafkaServingSettings withTransactionalIdPrefix(String value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout, value,
                consumer, dataConsumerProperties, producer, committer, instanceId, commitTimeout);
    }

    /** Points every client at {@code servers}. */
    public KafkaServingSettings withBootstrapServers(String servers) {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be blank, was '" + servers + "'");
        }
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer.withBootstrapServers(servers), dataConsumerProperties,
                producer.withBootstrapServers(servers), 
                committer, instanceId, commitTimeout);
    }

    /** Sets a raw client property on every consumer and producer. */
    public KafkaServingSettings withClientProperty(String key, String value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer.withProperty(key, value), dataConsumerProperties, producer.withProperty(key,
                value), 
                committer, instanceId, commitTimeout);
    }

    /** Replaces the consumer settings both consumers start from (group id and stop timeout are set on top). */
    public KafkaServingSettings withConsumerSettings(ConsumerSettings<byte[], byte[]> value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, value, dataConsumerProperties, producer, committer, instanceId, commitTimeout);
    }

    public KafkaServingSettings withProducerSettings(ProducerSettings<byte[], byte[]> value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer, dataConsumerProperties, value, committer, instanceId, commitTimeout);
    }

    public KafkaServingSettings withCommitterSettings(CommitterSettings value) {
        return new KafkaServingSettings(serving, topics, guarantee, groupId, stopTimeout, restoreTimeout,
                transactionalId, consumer, dataConsumerProperties, producer, value, instanceId, commitTimeout);
    }

    @Override
    public String toString() {
        return "KafkaServingSettings[" + topics + ", guarantee=" + guarantee + ", groupId=" + groupId
                + (instanceId == null ? "" : ", instanceId=" + instanceId)
                + ", stopTimeout=" + stopTimeout + ", " + serving + "]";
    }
}
