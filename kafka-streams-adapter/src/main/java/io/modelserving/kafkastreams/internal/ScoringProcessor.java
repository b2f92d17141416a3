package io.modelserving.kafkastreams.internal;

import io.modelserving.ScoredRecord;
import io.modelserving.kafka.DecodedRecord;
import io.modelserving.kafka.InputRecord;
import io.modelserving.kafka.ModelMessages;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.RecordServing;
import io.modelserving.kafka.ServingCore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hands each data record to the core and forwards the one {@link OutputRecord} it returns. Waiting, when the core
 * says a record must, blocks this stream thread (bounded by the no-model wait). The task of data partition 0 also
 * writes the dead letters of bad model messages (and republishes the last accepted model after a rejected one),
 * once per application, remembering in a changelogged store how far it got.
 */
public final class ScoringProcessor<I, O> implements Processor<byte[], byte[], byte[], OutputRecord> {

    private final RecordServing<I, O> records;
    private final ModelMessages models;
    private final Duration modelDeadLetterInterval;
    private final String modelDeadLetterStore;
    private ProcessorContext<byte[], OutputRecord> context;
    private KeyValueStore<Integer, Long> modelDeadLettersWritten;

    public ScoringProcessor(ServingCore<I, O> core, Duration modelDeadLetterInterval, String modelDeadLetterStore) {
        this.records = core.records();
        this.models = core.models();
        this.modelDeadLetterInterval = modelDeadLetterInterval;
        this.modelDeadLetterStore = modelDeadLetterStore;
    }

    @Override
    public void init(ProcessorContext<byte[], OutputRecord> context) {
        this.context = context;
        // Stream threads start once the global store is restored: what the models saw so far is the restore.
        models.restoreEnded();
        if (context.taskId().partition() == 0) {
            modelDeadLettersWritten = context.getStateStore(modelDeadLetterStore);
            context.schedule(modelDeadLetterInterval, PunctuationType.WALL_CLOCK_TIME, this::writeModelDeadLetters);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ScoredRecord.Origin origin = context.recordMetadata()
                .map(m -> new ScoredRecord.Origin(m.topic(), m.partition(), m.offset(), record.timestamp()))
                .orElse(new ScoredRecord.Origin("", -1, -1, record.timestamp()));
        DecodedRecord<I> decoded = records.decode(new InputRecord(record.key(), record.value(), record.headers(),
                origin));
        Set<String> waiting = records.mustWaitFor(List.of(decoded));
        if (!waiting.isEmpty()) {
            try {
                records.awaitLoaded(waiting);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("Interrupted while waiting for the models of " + waiting, e);
            }
        }
        OutputRecord out = records.serve(decoded);
        context.forward(record.withKey(out.key()).withValue(out).withHeaders(out.headers()));
    }

    private void writeModelDeadLetters(long now) {
        for (ModelMessages.BadModel bad : models.deadLettersAfter(partition -> {
            Long written = modelDeadLettersWritten.get(partition);
            return written == null ? -1 : written;
        })) {
            OutputRecord out = bad.output();
            context.forward(new Record<>(out.key(), out, now, out.headers()));
            if (bad.republish() != null) {
                OutputRecord model = bad.republish();
                context.forward(new Record<>(model.key(), model, now, model.headers()));
            }
            modelDeadLettersWritten.put(bad.partition(), bad.offset());
            models.written(bad);
        }
        for (OutputRecord decision : models.ruledDecisions()) {
            context.forward(new Record<>(decision.key(), decision, now, decision.headers()));
        }
    }
}
