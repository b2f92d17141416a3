package io.modelserving.akka.internal;

import io.modelserving.ModelUpdate;
import io.modelserving.ScoredRecord;
import io.modelserving.http.ServingMetrics;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.OutputRouter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes bad model messages (undecodable, or rejected by the processor) to the dead-letter topic with their
 * original key and bytes. The model consumer commits nothing, so these are plain sends outside any transaction;
 * each instance reads every model, so each instance reports a bad model it rejected.
 */
public final class ModelDeadLetters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeadLetters.class);

    private final Producer<byte[], byte[]> producer;
    private final OutputRouter<?, ?> router;
    private final ServingMetrics metrics;

    public ModelDeadLetters(Producer<byte[], byte[]> producer, OutputRouter<?, ?> router, ServingMetrics metrics) {
        this.producer = producer;
        this.router = router;
        this.metrics = metrics;
    }

    public void undecodable(ConsumerRecord<byte[], byte[]> record, String reason) {
        LOG.warn("Model message at {}-{}@{} does not decode: {}", record.topic(), record.partition(),
                record.offset(), reason);
        send(record, router.undecodableModel(record.value(), origin(record), reason));
    }

    /** Reports a rejected update; {@code tag} is the model record it came from. */
    public void updated(ModelUpdate update, Object tag) {
        if (metrics != null) {
            metrics.modelUpdate(update);
        }
        if (!update.accepted() && tag instanceof ConsumerRecord<?, ?> raw) {
            @SuppressWarnings("unchecked")
            ConsumerRecord<byte[], byte[]> record = (ConsumerRecord<byte[], byte[]>) raw;
            send(record, router.rejectedModel(record.value(), origin(record), update));
        }
    }

    private void send(ConsumerRecord<byte[], byte[]> record, OutputRecord output) {
        if (metrics != null) {
            metrics.deadLettered(output.deadLetter().dataType(), output.deadLetter().kind().header());
        }
        producer.send(new ProducerRecord<>(output.topic(), null, record.key(), output.value(), output.headers()),
                (metadata, failure) -> {
                    if (failure != null) {
                        LOG.error("Could not dead-letter the model message at {}-{}@{}", record.topic(),
                                record.partition(), record.offset(), failure);
                    }
                });
    }

    private static ScoredRecord.Origin origin(ConsumerRecord<?, ?> record) {
        return new ScoredRecord.Origin(record.topic(), record.partition(), record.offset());
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
