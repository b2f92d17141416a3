package io.modelserving.akka.internal.kafka;

import io.modelserving.kafka.ModelMessages;
import io.modelserving.kafka.OutputRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the dead letters of bad model messages (and republishes the last accepted model after a rejected one)
 * once per application: only the instance that owns data partition 0 writes them, and it keeps how far it wrote as the committed offsets of a consumer group of its own on the model
 * topic, so neither a second instance nor a restart writes one again. The same instance publishes what shadows'
 * promotion rules decide ({@link ModelMessages#ruledDecisions}). Called periodically on a blocking thread.
 */
public final class ModelDeadLetterWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeadLetterWriter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ModelMessages models;
    private final String modelTopic;
    private final GroupMembership membership;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> progress;
    private Map<Integer, Long> written;

    /** @param progress a consumer whose group id holds the progress (it subscribes to nothing) */
    public ModelDeadLetterWriter(ModelMessages models, String modelTopic, GroupMembership membership,
                                 Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> progress) {
        this.models = models;
        this.modelTopic = modelTopic;
        this.membership = membership;
        this.producer = producer;
        this.progress = progress;
    }

    /** Writes what is ready, when this instance is the writer. */
    public synchronized void run() {
        if (membership.assigned().stream().noneMatch(tp -> tp.partition() == 0)) {
            written = null;   // another instance writes; read its progress afresh if partition 0 comes back
            return;
        }
        try {
            if (written == null) {
                written = committed();
            }
            for (OutputRecord decision : models.ruledDecisions()) {
                send(decision);
            }
            List<ModelMessages.BadModel> ready = models.deadLettersAfter(p -> written.getOrDefault(p, -1L));
            if (ready.isEmpty()) {
                return;
            }
            for (ModelMessages.BadModel bad : ready) {
                send(bad.output());
                if (bad.republish() != null) {
                    send(bad.republish());
                }
                written.put(bad.partition(), bad.offset());
                models.written(bad);
            }
            progress.commitSync(written.entrySet().stream().collect(Collectors.toMap(
                    e -> new TopicPartition(modelTopic, e.getKey()), e -> new OffsetAndMetadata(e.getValue() + 1))),
                    TIMEOUT);
        } catch (Exception e) {
            LOG.warn("Writing the dead letters of bad models failed; retrying", e);
            written = null;
        }
    }

    private void send(OutputRecord output) throws Exception {
        producer.send(KafkaPlan.producerRecord(output)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Map<Integer, Long> committed() {
        List<PartitionInfo> infos = progress.partitionsFor(modelTopic, TIMEOUT);
        Set<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(modelTopic, info.partition())).collect(Collectors.toSet());
        Map<Integer, Long> offsets = new HashMap<>();
        progress.committed(partitions, TIMEOUT).forEach((tp, offset) -> {
            if (offset != null) {
                offsets.put(tp.partition(), offset.offset() - 1);
            }
        });
        return offsets;
    }

    @Override
    public synchronized void close() {
        producer.close(TIMEOUT);
        progress.close(TIMEOUT);
    }
}
