package io.modelserving.kafkastreams.internal;

import io.modelserving.ScoredRecord;
import io.modelserving.Scorer;
import io.modelserving.codec.Decoded;
import io.modelserving.http.ServingMetrics;
import io.modelserving.kafka.DeadLetterHeaders;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.OutputRouter;
import io.modelserving.kafkastreams.ServingConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scores each data record with the current model of its data type and forwards exactly one
 * {@link OutputRecord}: the scored envelope or a dead letter. The task of data partition 0 also writes the dead
 * letters of bad model messages, once each, remembering in a changelogged store how far it got.
 */
public final class ScoringProcessor<I, O> implements Processor<byte[], byte[], byte[], OutputRecord> {

    private final ServingConfig<I, O> config;
    private final ModelLoader<I, O> loader;
    private final OutputRouter<I, O> router;
    private final Scorer<I, O> scorer;
    private final ServingMetrics metrics;
    private final String modelDeadLetterStore;
    // Data types whose wait for a first model timed out: dead-letter at once until a model arrives.
    private final Set<String> gaveUp = new HashSet<>();
    private ProcessorContext<byte[], OutputRecord> context;
    private KeyValueStore<Integer, Long> modelDeadLettersWritten;

    public ScoringProcessor(ServingConfig<I, O> config, ModelLoader<I, O> loader, OutputRouter<I, O> router,
                            String modelDeadLetterStore) {
        this.config = config;
        this.loader = loader;
        this.router = router;
        this.scorer = loader.processor().scorer(config.dataTypeOf());
        this.metrics = config.metrics();
        this.modelDeadLetterStore = modelDeadLetterStore;
    }

    @Override
    public void init(ProcessorContext<byte[], OutputRecord> context) {
        this.context = context;
        if (context.taskId().partition() == 0) {
            modelDeadLettersWritten = context.getStateStore(modelDeadLetterStore);
            context.schedule(config.modelDeadLetterInterval(), PunctuationType.WALL_CLOCK_TIME,
                    now -> writeModelDeadLetters(now));
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ScoredRecord.Origin origin = context.recordMetadata()
                .map(m -> new ScoredRecord.Origin(m.topic(), m.partition(), m.offset(), record.timestamp()))
                .orElse(null);
        Decoded<I> decoded = config.inputCodec().decode(record.value());
        OutputRecord out;
        if (!decoded.isValue()) {
            out = router.undecodableData(record.value(), origin, decoded.reason());
        } else {
            String dataType = dataTypeOf(decoded.get());
            if (dataType != null && !awaitModel(dataType)) {
                String reason = "no model for data type '" + dataType + "' after waiting "
                        + config.noModelWait().toMillis() + " ms";
                metrics.record(new io.modelserving.ScoringResult.NoModel<>(dataType));
                out = router.noModel(record.value(), origin, dataType, reason);
            } else {
                ScoredRecord<I, O> scored = scorer.scoreRecord(decoded.get()).withOrigin(origin);
                metrics.record(scored.result());
                out = router.route(scored, record.value());
            }
        }
        if (out.isDeadLetter()) {
            metrics.deadLettered(out.deadLetter().dataType(), out.deadLetter().kind().header());
        }
        context.forward(record.withValue(out).withHeaders(headers(record.headers(), out)));
    }

    /** True when the record may be scored now (a model, or the policy says not to wait). */
    private boolean awaitModel(String dataType) {
        if (loader.processor().currentModel(dataType).isPresent()) {
            gaveUp.remove(dataType);
            return true;
        }
        boolean wait = config.noModelPolicy() == NoModelPolicy.WAIT && !gaveUp.contains(dataType);
        try {
            // With DEAD_LETTER, still wait for a first model that is being loaded (e.g. just restored).
            boolean hasModel = loader.awaitModel(dataType, config.noModelWait(), !wait);
            if (!hasModel && wait) {
                gaveUp.add(dataType);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("Interrupted while waiting for a model for data type '" + dataType + "'", e);
        }
    }

    private String dataTypeOf(I input) {
        try {
            return config.dataTypeOf().apply(input);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void writeModelDeadLetters(long now) {
        for (BadModel bad : loader.badModelsAfter(partition -> {
            Long written = modelDeadLettersWritten.get(partition);
            return written == null ? -1 : written;
        })) {
            OutputRecord out = bad.output();
            metrics.deadLettered(out.deadLetter().dataType(), out.deadLetter().kind().header());
            context.forward(new Record<>(bad.key(), out, now, out.headers()));
            modelDeadLettersWritten.put(bad.origin().partition(), bad.origin().offset());
        }
    }

    /** The input's own headers, minus any of ours, plus the dead-letter headers when it is one. */
    private static Headers headers(Headers input, OutputRecord out) {
        Headers headers = new RecordHeaders();
        for (Header header : input) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                headers.add(header);
            }
        }
        return out.isDeadLetter() ? out.deadLetter().addTo(headers) : headers;
    }
}
