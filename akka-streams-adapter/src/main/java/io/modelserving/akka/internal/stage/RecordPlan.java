package io.modelserving.akka.internal.stage;

import akka.japi.Pair;
import io.modelserving.EnsembleResult;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ScoredRecord;
import io.modelserving.Scorer;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.kafka.ModelLoading;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The plan of a plain serving flow (no Kafka records): model descriptors go to the core's {@link ModelLoading},
 * records with a context ride through the processor's {@link Scorer} and come out as {@link ScoredRecord}s with
 * their context. The no-model rule is the core's ({@link ModelLoading#mustWait}).
 */
public final class RecordPlan<I, O, C> implements StagePlan<Pair<I, C>, Pair<ScoredRecord<I, O>, C>, ModelDescriptor> {

    private final ModelProcessor<I, O> processor;
    private final Scorer<I, O> scorer;
    private final Function<? super I, String> dataTypeOf;
    private final ModelLoading loading;
    private final ServingListener listener;
    private final NoModelPolicy policy;
    private final Duration noModelWait;

    public RecordPlan(ModelProcessor<I, O> processor, Function<? super I, String> dataTypeOf,
                      ServingListener listener, NoModelPolicy policy, Duration noModelWait) {
        this.processor = processor;
        this.scorer = processor.scorer(dataTypeOf);
        this.dataTypeOf = dataTypeOf;
        this.listener = ServingListener.guarded(listener);
        this.loading = new ModelLoading(processor, listener::modelUpdated);
        this.policy = policy;
        this.noModelWait = noModelWait;
        loading.markRestoreEnd();   // nothing to restore: the model stream starts now
    }

    @Override
    public void model(ModelDescriptor descriptor) {
        loading.submit(new ModelLoading.Change(descriptor.dataType(), descriptor, update -> { }));
    }

    @Override
    public void modelsEnded() {
    }

    @Override
    public CompletableFuture<Void> restored() {
        return loading.restoreLoaded();
    }

    @Override
    public Set<String> mustWaitFor(List<Pair<I, C>> batch) {
        return loading.mustWaitFor(() -> batch.stream().map(pair -> dataTypeOf(pair.first())).iterator(), policy);
    }

    @Override
    public CompletableFuture<Void> whenLoaded(Set<String> dataTypes) {
        return loading.whenLoaded(dataTypes);
    }

    @Override
    public void gaveUp(Set<String> dataTypes) {
        loading.gaveUp(dataTypes);
    }

    @Override
    public Duration noModelWait() {
        return noModelWait;
    }

    @Override
    public Supplier<List<Pair<ScoredRecord<I, O>, C>>> pin(List<Pair<I, C>> batch) {
        List<I> records = new ArrayList<>(batch.size());
        batch.forEach(pair -> records.add(pair.first()));
        Scorer<I, O>.Pinned pinned = scorer.pin(records);
        return () -> scored(batch, records, pinned);
    }

    private List<Pair<ScoredRecord<I, O>, C>> scored(List<Pair<I, C>> batch, List<I> records,
                                                     Scorer<I, O>.Pinned pinned) {
        List<ScoringResult<O>> results = pinned.score();
        List<ShadowResult<O>> shadows = pinned.shadows();
        List<EnsembleResult> ensembles = pinned.ensembles();
        long now = processor.clock().millis();
        List<Pair<ScoredRecord<I, O>, C>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ScoredRecord<I, O> scored = new ScoredRecord<>(records.get(i), results.get(i), now, null,
                    shadows.get(i), ensembles.get(i));
            listener.served(scored);
            out.add(Pair.create(scored, batch.get(i).second()));
        }
        return out;
    }

    private String dataTypeOf(I record) {
        try {
            return record == null ? null : dataTypeOf.apply(record);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
