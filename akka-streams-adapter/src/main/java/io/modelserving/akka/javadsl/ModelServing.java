package io.modelserving.akka.javadsl;

import akka.japi.Pair;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.FlowWithContext;
import akka.stream.javadsl.Source;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoredRecord;
import io.modelserving.akka.internal.BatchScorer;
import io.modelserving.akka.internal.ModelEvent;
import io.modelserving.akka.internal.ProcessorControl;
import io.modelserving.akka.internal.RecordScoring;
import io.modelserving.akka.internal.ServingGraph;
import io.modelserving.akka.internal.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Model serving as Akka Streams flows: records in, {@link ScoredRecord}s out, the models arriving on a second
 * stream and swapped in while records flow. They compose with any source and sink, Kafka or not (records from
 * another stream, an HTTP endpoint, a file); {@link KafkaModelServing} is the ready Kafka wiring.
 *
 * <p>Every input gives exactly one output, in input order: scored, failed with the reason, or "no model".
 * A new model is loaded off the stream's threads and swapped in atomically; until then the old one scores.
 * A model the processor rejects changes nothing. When the model source completes, serving goes on with the
 * models it gave.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
 * Source<ModelDescriptor, NotUsed> models = Source.single(descriptor);
 * CompletionStage<List<ScoredRecord<Features, Prediction>>> scored = Source.from(records)
 *         .via(ModelServing.flow(models, processor, Features::dataType, ServingSettings.create(system)))
 *         .runWith(Sink.seq(), system);
 * }</pre>
 */
public final class ModelServing {

    private ModelServing() {
    }

    /**
     * A flow that scores each record with the current model of its data type.
     *
     * @param models     the model stream; each descriptor is offered to {@code processor}
     * @param processor  holds the current models; may be shared with other flows
     * @param dataTypeOf the data type of a record, which selects its model
     */
    public static <I, O> Flow<I, ScoredRecord<I, O>, ServingControl> flow(
            Source<ModelDescriptor, ?> models, ModelProcessor<I, O> processor,
            Function<? super I, String> dataTypeOf, ServingSettings settings) {
        RecordScoring<I, O> scoring = new RecordScoring<>(processor, dataTypeOf, settings.metrics().orElse(null));
        StageConfig<I, ScoredRecord<I, O>> config = config(processor, scoring::dataTypeOf, scoring::score, settings);
        return ServingGraph.flow(modelEvents(models), config, settings.batchSize(), settings.batchWindow())
                .mapMaterializedValue(handle -> new ProcessorControl(processor, handle));
    }

    /**
     * Like {@link #flow}, with a context riding along with each record (a Kafka offset to commit, a request to
     * answer): each output carries its input's context.
     */
    public static <I, O, C> FlowWithContext<I, C, ScoredRecord<I, O>, C, ServingControl> flowWithContext(
            Source<ModelDescriptor, ?> models, ModelProcessor<I, O> processor,
            Function<? super I, String> dataTypeOf, ServingSettings settings) {
        RecordScoring<I, O> scoring = new RecordScoring<>(processor, dataTypeOf, settings.metrics().orElse(null));
        BatchScorer<Pair<I, C>, Pair<ScoredRecord<I, O>, C>> scorer = batch -> {
            List<I> records = new ArrayList<>(batch.size());
            batch.forEach(pair -> records.add(pair.first()));
            List<ScoredRecord<I, O>> scored = scoring.score(records);
            List<Pair<ScoredRecord<I, O>, C>> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                out.add(Pair.create(scored.get(i), batch.get(i).second()));
            }
            return out;
        };
        StageConfig<Pair<I, C>, Pair<ScoredRecord<I, O>, C>> config =
                config(processor, pair -> scoring.dataTypeOf(pair.first()), scorer, settings);
        Flow<Pair<I, C>, Pair<ScoredRecord<I, O>, C>, ServingControl> pairs =
                ServingGraph.flow(modelEvents(models), config, settings.batchSize(), settings.batchWindow())
                        .mapMaterializedValue(handle -> new ProcessorControl(processor, handle));
        return FlowWithContext.fromPairs(pairs);
    }

    private static Source<ModelEvent, ?> modelEvents(Source<ModelDescriptor, ?> models) {
        return models.map(ModelEvent::load);
    }

    private static <E, R> StageConfig<E, R> config(ModelProcessor<?, ?> processor, Function<E, String> dataType,
                                                   BatchScorer<E, R> scorer, ServingSettings settings) {
        BiConsumer<ModelUpdate, Object> listener = settings.metrics()
                .<BiConsumer<ModelUpdate, Object>>map(metrics -> (update, tag) -> metrics.modelUpdate(update))
                .orElse(null);
        return new StageConfig<>(processor, dataType, scorer, settings.parallelism(),
                settings.effectiveNoModelWait(), false, listener, settings.scoringDispatcher(),
                settings.modelLoadingDispatcher());
    }
}
