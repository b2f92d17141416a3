package io.modelserving.kafka;

import io.modelserving.CandidateStats;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelInfo;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelRole;
import io.modelserving.ModelSlotKey;
import io.modelserving.ModelUpdate;
import io.modelserving.PromotionRule;
import io.modelserving.RoleChanges;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.kafka.internal.BadModelLog;
import io.modelserving.kafka.internal.Outputs;
import io.modelserving.kafka.internal.SafeDecoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model path of the {@link ServingCore}, the same for every engine: each message of the model topic is
 * classified (a model to load in its role, a tombstone that retires the model of its key, or undecodable bytes)
 * and applied off the engine's threads; a message that does not become a model yields a dead letter.
 *
 * <p><b>Roles</b> ({@link ModelRole}): each role of a data type has its own key, the data type for the primary and
 * {@code dataType:shadow}, {@code dataType:canary} or {@code dataType:previous} otherwise, so that what every
 * instance serves, after any restart, follows from the newest message of each key. A descriptor under the key of
 * another role is rejected. A primary descriptor of the same model as the shadow or canary promotes it; a previous
 * model is remembered, never loaded. A shadow's {@link PromotionRule} is judged here ({@link #ruledDecisions}).
 *
 * <p><b>Every instance applies every message</b>, in topic order per data type; a newer message of a data type
 * supersedes one still waiting to load, so a restore never serves an older version after a newer one. A message
 * republished unchanged is loaded again (so republishing retries a model that failed for a passing reason).
 *
 * <p><b>Each bad model is dead-lettered once per application</b>: every instance keeps the dead letters, but
 * only the writer the engine picks takes them with {@link #deadLettersAfter} and confirms with
 * {@link #written}, keeping how far it wrote per model-topic partition where it survives restarts. After a
 * rejected model the writer also publishes the last accepted model of its data type again (see
 * {@link BadModel}), so that a restarted instance serves what the running ones serve.
 *
 * <pre>{@code
 * models.accept(new InputRecord(record.key(), record.value(), record.headers(), origin));   // model consumer
 * for (BadModel bad : models.deadLettersAfter(progress::get)) {
 *     send(bad.output());
 *     if (bad.republish() != null) send(bad.republish());
 *     models.written(bad);
 * }
 * }</pre>
 */
public final class ModelMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ModelMessages.class);
    private static final String ONE_PARTITION = "; it must have exactly one, so that every instance applies model "
            + "messages in the order they were published";

    private final ModelProcessor<?, ?> processor;
    private final ModelLoading loading;
    private final Outputs<?, ?> outputs;
    private final ServingListener listener;
    private final BadModelLog badModels = new BadModelLog();

    ModelMessages(ModelProcessor<?, ?> processor, ModelLoading loading, Outputs<?, ?> outputs,
                  ServingListener listener) {
        this.processor = processor;
        this.loading = loading;
        this.outputs = outputs;
        this.listener = listener;
    }

    /** A header on a model message this library published by a shadow's {@link PromotionRule}: the rule's verdict. */
    public static final String DECIDED_BY_RULE = DeadLetterHeaders.PREFIX + "decided-by-rule";

    /**
     * A header on a model message this library published again: the offset of the rejected message after which
     * it was published. A rejection of such a message is not answered with another republish.
     */
    public static final String REPUBLISHED_AFTER = DeadLetterHeaders.PREFIX + "republished-after";

    /**
     * A bad model message's dead letter, at {@code offset} of model-topic {@code partition}, and, for a rejected
     * model, the last accepted model of its data type to publish again to the model topic right after it (null
     * when there is none). Write both, in this order.
     *
     * <p>Why republish: the model topic is compacted by data type, so once a rejected message is the newest of its
     * data type, compaction removes the last good one, and a restarted or new instance would have no model while
     * the running ones still serve it. Publishing the last accepted model again keeps the newest message of each
     * data type an accepted one, so every instance serves the same model after a restart.
     */
    public record BadModel(int partition, long offset, OutputRecord output, OutputRecord republish) {
    }

    // The accepted shadow or canary with a promotion rule of each slot, until its rule decided or it left the role.
    private final Map<ModelSlotKey, RuledCandidate> ruledCandidates = new ConcurrentHashMap<>();

    private record RuledCandidate(InputRecord message, ModelInfo model, PromotionRule rule) {
    }

    // The last accepted model message of each data type and role, for republishing after a rejection.
    private final Map<ModelSlotKey, InputRecord> lastAccepted = new ConcurrentHashMap<>();

    /**
     * Why a model topic with more than one partition is refused: only one partition keeps every instance
     * applying model messages in the order they were published, whatever their keys. Engines check it at start;
     * a message read from another partition anyway (one added later) is dead-lettered with this reason.
     */
    public static String onePartitionOnly(String topic, int partitions) {
        return "Model topic '" + topic + "' has " + partitions + " partitions" + ONE_PARTITION;
    }


    /** Classifies and applies one model-topic message. Returns at once: loading happens on the loader's threads. */
    public void accept(InputRecord message) {
        int partition = message.origin().partition();
        long offset = message.origin().offset();
        if (partition > 0) {
            String reason = "Model topic '" + message.origin().topic() + "' has a partition " + partition
                    + ONE_PARTITION;
            LOG.error("Model message at {}-{}@{} not applied: {}", message.origin().topic(), partition, offset, reason);
            badModels.decided(partition, offset, outputs.undecodableModel(message, reason));
            return;
        }
        if (message.value() == null) {
            if (message.key() == null) {
                LOG.warn("Ignoring a tombstone without a key at {}-{}@{}: it names no data type",
                        message.origin().topic(), partition, offset);
                return;
            }
            ModelSlotKey slot = ModelSlotKey.parse(new String(message.key(), StandardCharsets.UTF_8));
            lastAccepted.remove(slot);
            if (slot.role().serves()) {
                loading.submit(ModelLoading.Change.retire(slot));
            }
            return;
        }
        Decoded<ModelDescriptor> decoded = SafeDecoding.decode(Codecs.modelDescriptors(), message.value());
        if (!decoded.isValue()) {
            LOG.warn("Model message at {}-{}@{} does not decode: {}", message.origin().topic(), partition, offset,
                    decoded.reason());
            badModels.decided(partition, offset, outputs.undecodableModel(message, decoded.reason()));
            return;
        }
        ModelDescriptor descriptor = decoded.get();
        String misplaced = misplaced(message, descriptor);
        if (misplaced != null) {
            LOG.warn("Model message at {}-{}@{} not applied: {}", message.origin().topic(), partition, offset,
                    misplaced);
            badModels.decided(partition, offset, outputs.rejectedModel(message, descriptor, misplaced));
            return;
        }
        if (!descriptor.role().serves()) {
            // Kept for a rollback, never loaded: only remembered, so that a rejected model can bring it back.
            lastAccepted.put(descriptor.slot(), message);
            badModels.decided(partition, offset, null);
            return;
        }
        badModels.pending(partition, offset);
        loading.submit(new ModelLoading.Change(descriptor.dataType(), descriptor,
                update -> decided(message, descriptor, update)));
    }

    /**
     * Why a descriptor is under a key of another role (null when it is not): compaction keeps one message per key,
     * so a shadow under its data type's primary key would, once compacted, have replaced the primary.
     */
    private static String misplaced(InputRecord message, ModelDescriptor descriptor) {
        if (message.key() == null) {
            return null;
        }
        ModelSlotKey keyed = ModelSlotKey.parse(new String(message.key(), StandardCharsets.UTF_8));
        if (keyed.role() == descriptor.role()) {
            return null;
        }
        return article(descriptor.role()) + " model of data type '" + descriptor.dataType()
                + "' published under key '" + keyed.topicKey() + "', the key of " + article(keyed.role())
                + "; publish it under key '" + descriptor.slot().topicKey() + "'";
    }

    private static String article(ModelRole role) {
        return (role == ModelRole.ENSEMBLE ? "an " : "a ") + role.label();
    }

    private void decided(InputRecord message, ModelDescriptor descriptor, ModelUpdate update) {
        int partition = message.origin().partition();
        long offset = message.origin().offset();
        if (update == null) {
            badModels.decided(partition, offset, null);
        } else if (update.accepted()) {
            lastAccepted.put(descriptor.slot(), message);
            if (descriptor.promotion() != null) {
                ruledCandidates.put(descriptor.slot(),
                        new RuledCandidate(message, update.model(), descriptor.promotion()));
            }
            badModels.decided(partition, offset, null);
        } else {
            InputRecord good = lastAccepted.get(descriptor.slot());
            boolean republished = message.headers().lastHeader(REPUBLISHED_AFTER) != null;
            badModels.decided(partition, offset, outputs.rejectedModel(message, descriptor, update.reason()),
                    good == null || republished ? null : outputs.republish(good, REPUBLISHED_AFTER, offset));
        }
    }

    /**
     * Marks the end of the start-up restore: the messages accepted so far are the restored ones, and records wait
     * (see {@link RecordServing#mustWaitFor}) until they are loaded. Only the first call counts.
     */
    public void restoreEnded() {
        loading.markRestoreEnd();
    }

    /** Completes once the restored messages are applied (never before {@link #restoreEnded()}). */
    public CompletableFuture<Void> restoreLoaded() {
        return loading.restoreLoaded();
    }

    /** Whether a model change is queued or running. */
    public boolean loading() {
        return loading.busy();
    }

    /**
     * The dead letters of bad model messages past the offsets {@code written} gives per model-topic partition
     * ({@code -1} for none), in offset order, each only once every earlier message of its partition is decided.
     */
    public List<BadModel> deadLettersAfter(ToLongFunction<Integer> written) {
        return badModels.ready(written).stream()
                .map(entry -> new BadModel(entry.partition(), entry.offset(), entry.output(), entry.republish()))
                .toList();
    }

    /**
     * The model messages that the {@link PromotionRule}s of shadows and canaries decided on since the last call: for
     * a promotion, the current primary's descriptor as {@link ModelRole#PREVIOUS} (kept for a rollback) and the
     * candidate's as the primary; for a retirement (a canary's automatic rollback), a tombstone of the candidate's
     * key. Each is marked with
     * {@link #DECIDED_BY_RULE}. Call it on the one instance that writes the application's model messages (the writer
     * of {@link #deadLettersAfter}) and publish them to the model topic: every instance then applies the decision
     * at the same point of the topic. Each decision is returned once per instance; a writer that restarts before
     * publishing judges the candidate again on the records it scores from then on.
     */
    public List<OutputRecord> ruledDecisions() {
        List<OutputRecord> decisions = new ArrayList<>();
        ruledCandidates.forEach((slot, candidate) -> {
            CandidateStats stats = processor.stats(slot.dataType()).candidate(slot.role()).orElse(null);
            if (stats == null || !sameModel(stats.model(), candidate.model())) {
                ruledCandidates.remove(slot, candidate);
                return;
            }
            PromotionRule.Decision decision = candidate.rule().decide(stats);
            if (decision == PromotionRule.Decision.WAIT) {
                return;
            }
            ruledCandidates.remove(slot, candidate);
            String why = decision.name().toLowerCase(Locale.ROOT) + " by rule '" + candidate.rule() + "': "
                    + stats.summary();
            List<RoleChanges.Message> change = decision == PromotionRule.Decision.PROMOTE
                    ? RoleChanges.promotion(descriptorOf(candidate.message()),
                            descriptorOf(lastAccepted.get(new ModelSlotKey(slot.dataType(), ModelRole.PRIMARY))))
                    : List.of(RoleChanges.retirement(slot));
            List<OutputRecord> verdict = change.stream()
                    .map(message -> outputs.roleChange(message, DECIDED_BY_RULE, why)).toList();
            if (verdict.stream().anyMatch(Objects::isNull)) {
                LOG.warn("{} {} of data type '{}': its rule says {}, but a message does not fit in a record",
                        slot.role().label(), candidate.model().label(), slot.dataType(), decision);
                return;
            }
            LOG.info("{} {} of data type '{}': {}", slot.role().label(), candidate.model().label(), slot.dataType(),
                    why);
            decisions.addAll(verdict);
        });
        return decisions;
    }

    private static ModelDescriptor descriptorOf(InputRecord message) {
        return message == null ? null : Codecs.modelDescriptors().decode(message.value()).get();
    }

    private static boolean sameModel(ModelInfo a, ModelInfo b) {
        return a.name().equals(b.name()) && a.version().equals(b.version()) && a.since().equals(b.since());
    }

    /** The writer wrote {@code letter} (and every one before it in its partition): count it and forget them. */
    public void written(BadModel letter) {
        listener.deadLettered(letter.output().deadLetter());
        badModels.written(letter.partition(), letter.offset());
    }
}
