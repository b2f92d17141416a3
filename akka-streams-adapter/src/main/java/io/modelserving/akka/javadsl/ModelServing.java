package io.modelserving.akka.javadsl;

import akka.NotUsed;
import akka.japi.Pair;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.FlowWithContext;
import akka.stream.javadsl.Source;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ScoredRecord;
import io.modelserving.akka.internal.stage.ProcessorControl;
import io.modelserving.akka.internal.stage.RecordPlan;
import io.modelserving.akka.internal.stage.ServingGraph;
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
        return Flow.<I>create().map(record -> Pair.create(record, NotUsed.getInstance()))
                .viaMat(pairs(models, processor, dataTypeOf, settings), (left, right) -> right)
                .map(Pair::first);
    }

    /**
     * Like {@link #flow}, with a context riding along with each record (a Kafka offset to commit, a request to
     * answer): each output carries its input's context.
     */
    public static <I, O, C> FlowWithContext<I, C, ScoredRecord<I, O>, C, ServingControl> flowWithContext(
            Source<ModelDescriptor, ?> models, ModelProcessor<I, O> processor,
            Function<? super I, String> dataTypeOf, ServingSettings settings) {
        return FlowWithContext.fromPairs(pairs(models, processor, dataTypeOf, settings));
    }

    private static <I, O, C> Flow<Pair<I, C>, Pair<ScoredRecord<I, O>, C>, ServingControl> pairs(
            Source<ModelDescriptor, ?> models, ModelProcessor<I, O> processor,
            Function<? super I, String> dataTypeOf, ServingSettings settings) {
        RecordPlan<I, O, C> plan = new RecordPlan<>(processor, dataTypeOf, settings.listener(),
                settings.noModelPolicy(), settings.noModelWait());
        return ServingGraph.flow(models, plan, settings)
                .mapMaterializedValue(handle -> new ProcessorControl(processor, handle));
    }
}
