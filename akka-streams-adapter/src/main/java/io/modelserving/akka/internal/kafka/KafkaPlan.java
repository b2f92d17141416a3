package io.modelserving.akka.internal.kafka;

import akka.japi.Pair;
import io.modelserving.akka.internal.stage.StagePlan;
import io.modelserving.kafka.DecodedRecord;
import io.modelserving.kafka.ModelMessages;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.RecordServing;
import io.modelserving.kafka.ServingCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The serving stage's plan on Kafka: every decision is the {@link ServingCore}'s; this only carries each record's
 * context (its offset) alongside and turns the core's outputs into producer records.
 *
 * @param <C> the context of a record: what to commit once its output is written
 */
public final class KafkaPlan<I, O, C>
        implements StagePlan<Pair<DecodedRecord<I>, C>, Pair<ProducerRecord<byte[], byte[]>, C>, ModelEvent> {

    private final RecordServing<I, O> records;
    private final ModelMessages models;

    public KafkaPlan(ServingCore<I, O> core) {
        this.records = core.records();
        this.models = core.models();
    }

    @Override
    public void model(ModelEvent event) {
        if (event instanceof ModelEvent.Message message) {
            models.accept(message.record());
        } else {
            models.restoreEnded();
        }
    }

    @Override
    public void modelsEnded() {
        models.restoreEnded();
    }

    @Override
    public CompletableFuture<Void> restored() {
        return models.restoreLoaded();
    }

    @Override
    public Set<String> mustWaitFor(List<Pair<DecodedRecord<I>, C>> batch) {
        return records.mustWaitFor(batch.stream().map(Pair::first).toList());
    }

    @Override
    public CompletableFuture<Void> whenLoaded(Set<String> dataTypes) {
        return records.whenLoaded(dataTypes);
    }

    @Override
    public void gaveUp(Set<String> dataTypes) {
        records.gaveUp(dataTypes);
    }

    @Override
    public Duration noModelWait() {
        return records.noModelWait();
    }

    @Override
    public Supplier<List<Pair<ProducerRecord<byte[], byte[]>, C>>> pin(List<Pair<DecodedRecord<I>, C>> batch) {
        RecordServing<I, O>.Pinned pinned = records.pin(batch.stream().map(Pair::first).toList());
        return () -> {
            List<OutputRecord> outputs = pinned.serve();
            List<Pair<ProducerRecord<byte[], byte[]>, C>> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                out.add(Pair.create(producerRecord(outputs.get(i)), batch.get(i).second()));
            }
            return out;
        };
    }

    static ProducerRecord<byte[], byte[]> producerRecord(OutputRecord output) {
        return new ProducerRecord<>(output.topic(), null, output.key(), output.value(), output.headers());
    }
}
