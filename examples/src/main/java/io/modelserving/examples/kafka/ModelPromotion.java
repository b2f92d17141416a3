package io.modelserving.examples.kafka;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelRole;
import io.modelserving.RoleChanges;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Promotes a data type's shadow or canary to primary, or rolls a promotion back. It reads the model topic from its
 * start up to the end offsets it finds when called, takes the newest message of each key it needs (a tombstone
 * means none), and publishes the change's messages ({@link RoleChanges}):
 * <ul>
 *   <li>promote: the current primary as the previous model ({@code wine:previous}), then the shadow's or canary's
 *   model as the primary ({@code wine}), which every serving instance applies by moving the model it already holds;
 *   the role it came from becomes empty;</li>
 *   <li>rollback: the current primary as the previous model, then the previous model as the primary again.</li>
 * </ul>
 *
 * <pre>{@code
 * ModelPromotion.Promoted promoted = new ModelPromotion(cluster, "modelserving-models")
 *         .promote(producer, "wine", Optional.of(ModelRole.SHADOW));
 * System.out.println("now primary: " + promoted.primary());
 * }</pre>
 */
public final class ModelPromotion {

    /** How long the read may see no progress before it gives up. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    private static final List<ModelRole> CANDIDATES = List.of(ModelRole.SHADOW, ModelRole.CANARY);
    /**
     * The roles a promotion or a rollback reads and writes. Not the ensemble: it is neither promoted nor replaced
     * by a promotion (its members go on scoring beside whichever primary there is), so its key is not even read.
     */
    private static final List<ModelRole> ROLES = List.of(ModelRole.PRIMARY, ModelRole.SHADOW, ModelRole.CANARY,
            ModelRole.PREVIOUS);

    private final KafkaConnection cluster;
    private final String modelTopic;

    public ModelPromotion(KafkaConnection cluster, String modelTopic) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.modelTopic = Objects.requireNonNull(modelTopic, "modelTopic");
    }

    /**
     * What a promotion or a rollback published.
     *
     * @param candidate the shadow, canary or previous model as found on the model topic
     * @param primary   the same model as primary, as published
     * @param metadata  where the broker wrote it
     */
    public record Promoted(ModelDescriptor candidate, ModelDescriptor primary, RecordMetadata metadata) {
    }

    /**
     * Publishes the data type's shadow or canary ({@code from}; when empty, whichever of the two it has) as its
     * primary, keeping the current primary as the previous model, and waits for the broker's acknowledgements.
     *
     * @throws IllegalArgumentException when {@code from} is the primary, or is empty while both roles have a model
     * @throws IllegalStateException    when there is no such model, its message does not decode, or the topic cannot
     *                                  be read or written
     */
    public Promoted promote(KafkaProducer<String, byte[]> producer, String dataType, Optional<ModelRole> from) {
        from.ifPresent(ModelPromotion::requirePromotable);
        Map<ModelRole, ModelDescriptor> models = models(dataType);
        Map<ModelRole, ModelDescriptor> candidates = new EnumMap<>(ModelRole.class);
        CANDIDATES.stream().filter(models::containsKey).forEach(role -> candidates.put(role, models.get(role)));
        ModelRole role = from.orElseGet(() -> onlyCandidate(dataType, candidates));
        ModelDescriptor candidate = candidates.get(role);
        if (candidate == null) {
            throw new IllegalStateException("no " + role.label() + " of " + dataType + " to promote: no model under "
                    + "key '" + role.topicKey(dataType) + "' on " + modelTopic);
        }
        return publish(producer, candidate, RoleChanges.promotion(candidate, models.get(ModelRole.PRIMARY)));
    }

    /**
     * Publishes the data type's previous model (the primary that the last promotion or rollback replaced) as its
     * primary again, keeping the current primary as the previous one, and waits for the broker's acknowledgements.
     *
     * @throws IllegalStateException when there is no previous model, its message does not decode, or the topic
     *                               cannot be read or written
     */
    public Promoted rollback(KafkaProducer<String, byte[]> producer, String dataType) {
        Map<ModelRole, ModelDescriptor> models = models(dataType);
        ModelDescriptor previous = models.get(ModelRole.PREVIOUS);
        if (previous == null) {
            throw new IllegalStateException("no previous model of " + dataType + " to roll back to: no model under key '"
                    + ModelRole.PREVIOUS.topicKey(dataType) + "' on " + modelTopic + " (a promotion keeps one there)");
        }
        return publish(producer, previous, RoleChanges.rollback(previous, models.get(ModelRole.PRIMARY)));
    }

    private Promoted publish(KafkaProducer<String, byte[]> producer, ModelDescriptor source,
                             List<RoleChanges.Message> change) {
        RecordMetadata metadata = ModelPublisher.publish(producer, modelTopic, change);
        return new Promoted(source, change.get(change.size() - 1).descriptor(), metadata);
    }

    /**
     * Checks a role before anything connects.
     *
     * @throws IllegalArgumentException when it is the primary, which there is nothing to promote to, or an ensemble,
     *                                  which scores beside the primary and is never promoted
     */
    public static ModelRole requirePromotable(ModelRole role) {
        if (role == ModelRole.ENSEMBLE) {
            throw new IllegalArgumentException("an ensemble is not promoted: it scores beside the primary; publish "
                    + "one of its members as the primary (or first as a shadow) instead");
        }
        if (!CANDIDATES.contains(role)) {
            throw new IllegalArgumentException("only a shadow or a canary can be promoted, not the " + role.label());
        }
        return role;
    }

    /**
     * The data type's model in each role a promotion or a rollback concerns (primary, shadow, canary, previous) as
     * the newest message of each key says, up to the topic's end as of this call; a role without a model, or whose
     * newest message is a tombstone, is absent. An ensemble's key is not read.
     *
     * @throws IllegalStateException when the topic does not exist or cannot be read, or a newest message does not
     *                               decode or names another role
     */
    public Map<ModelRole, ModelDescriptor> models(String dataType) {
        Map<String, ConsumerRecord<byte[], byte[]>> newest = newestMessages(dataType);
        Map<ModelRole, ModelDescriptor> found = new EnumMap<>(ModelRole.class);
        for (ModelRole role : ROLES) {
            ConsumerRecord<byte[], byte[]> record = newest.get(role.topicKey(dataType));
            if (record != null && record.value() != null) {
                found.put(role, decode(role, record));
            }
        }
        return found;
    }

    private ModelRole onlyCandidate(String dataType, Map<ModelRole, ModelDescriptor> candidates) {
        if (candidates.size() > 1) {
            throw new IllegalArgumentException(dataType + " has both a shadow (" + candidates.get(ModelRole.SHADOW)
                    .name() + ") and a canary (" + candidates.get(ModelRole.CANARY).name()
                    + "): name the one to promote with --from shadow or --from canary");
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no shadow or canary of " + dataType + " to promote: no model under key '"
                    + ModelRole.SHADOW.topicKey(dataType) + "' or '" + ModelRole.CANARY.topicKey(dataType) + "' on "
                    + modelTopic);
        }
        return candidates.keySet().iterator().next();
    }

    private ModelDescriptor decode(ModelRole role, ConsumerRecord<byte[], byte[]> record) {
        Decoded<ModelDescriptor> decoded = Codecs.modelDescriptors().decode(record.value());
        String where = "the newest message under key '" + keyOf(record) + "' (" + record.topic() + "-"
                + record.partition() + "@" + record.offset() + ")";
        if (!decoded.isValue()) {
            throw new IllegalStateException(where + " is not a model descriptor: " + decoded.reason());
        }
        if (decoded.get().role() != role) {
            throw new IllegalStateException(where + " is a " + decoded.get().role().label() + " descriptor, which "
                    + "serving rejects under that key");
        }
        return decoded.get();
    }

    /** The newest message of each of the data type's keys, up to the end offsets as of now. */
    private Map<String, ConsumerRecord<byte[], byte[]>> newestMessages(String dataType) {
        List<String> keys = ROLES.stream().map(role -> role.topicKey(dataType)).toList();
        Map<String, ConsumerRecord<byte[], byte[]>> newest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.rawReader(cluster)) {
            List<PartitionInfo> infos = consumer.partitionsFor(modelTopic, STALL_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("no model topic " + modelTopic);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(modelTopic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            long lastProgress = System.nanoTime();
            while (!reached(consumer, end)) {
                if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("reading " + modelTopic + " made no progress for "
                            + STALL_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    lastProgress = System.nanoTime();
                    String key = keyOf(record);
                    if (keys.contains(key) && record.offset() < end.get(new TopicPartition(record.topic(),
                            record.partition()))) {
                        newest.put(key, record);
                    }
                }
            }
        }
        return newest;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }
}
