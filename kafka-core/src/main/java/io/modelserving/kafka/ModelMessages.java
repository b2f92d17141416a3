package io.modelserving.kafka;

import io.modelserving.ModelDescriptor;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.kafka.internal.Reasons;
import io.modelserving.kafka.internal.BadModelLog;
import io.modelserving.kafka.internal.Outputs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model path of the {@link ServingCore}, the same for every engine: each message of the model topic is
 * classified (a model to load, a tombstone that removes one, or undecodable bytes) and applied off the engine's
 * threads; a message that does not become a model yields a dead letter.
 *
 * <p><b>Every instance applies every message</b>, in topic order per data type; a newer message of a data type
 * supersedes one still waiting to load, so a restore never serves an older version after a newer one. A message
 * republished unchanged is loaded again (so republishing retries a model that failed for a passing reason).
 *
 * <p><b>Each bad model is dead-lettered once per application</b>: every instance keeps the dead letters, but
 * only the writer the engine picks takes them with {@link #deadLettersAfter} and confirms with
 * {@link #written}, keeping how far it wrote per model-topic partition where it survives restarts.
 *
 * <pre>{@code
 * models.accept(new InputRecord(record.key(), record.value(), record.headers(), origin));   // model consumer
 * for (BadModel bad : models.deadLettersAfter(progress::get)) { send(bad.output()); models.written(bad); }
 * }</pre>
 */
public final class ModelMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ModelMessages.class);
    private static final String ONE_PARTITION = "; it must have exactly one, so that every instance applies model "
            + "messages in the order they were published";

    private final ModelLoading loading;
    private final Outputs<?, ?> outputs;
    private final ServingListener listener;
    private final BadModelLog badModels = new BadModelLog();

    ModelMessages(ModelLoading loading, Outputs<?, ?> outputs, ServingListener listener) {
        this.loading = loading;
        this.outputs = outputs;
        this.listener = listener;
    }

    /** A bad model message's dead letter, at {@code offset} of model-topic {@code partition}. */
    public record BadModel(int partition, long offset, OutputRecord output) {
    }

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
            String dataType = new String(message.key(), StandardCharsets.UTF_8);
            loading.submit(new ModelLoading.Change(dataType, null, update -> { }));
            return;
        }
        Decoded<ModelDescriptor> decoded;
        try {
            decoded = Codecs.modelDescriptors().decode(message.value());
        } catch (RuntimeException e) {
            decoded = Decoded.failure("decoding failed: " + Reasons.of(e));
        }
        if (!decoded.isValue()) {
            LOG.warn("Model message at {}-{}@{} does not decode: {}", message.origin().topic(), partition, offset,
                    decoded.reason());
            badModels.decided(partition, offset, outputs.undecodableModel(message, decoded.reason()));
            return;
        }
        ModelDescriptor descriptor = decoded.get();
        badModels.pending(partition, offset);
        loading.submit(new ModelLoading.Change(descriptor.dataType(), descriptor, update ->
                badModels.decided(partition, offset, update == null || update.accepted() ? null
                        : outputs.rejectedModel(message, descriptor, update.reason()))));
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
                .map(entry -> new BadModel(entry.partition(), entry.offset(), entry.output())).toList();
    }

    /** The writer wrote {@code letter} (and every one before it in its partition): count it and forget them. */
    public void written(BadModel letter) {
        RecordServing.tell(() -> listener.deadLettered(letter.output().deadLetter()));
        badModels.written(letter.partition(), letter.offset());
    }
}
