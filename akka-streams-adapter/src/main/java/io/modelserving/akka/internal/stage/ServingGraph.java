package io.modelserving.akka.internal.stage;

import akka.NotUsed;
import akka.stream.FlowShape;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.GraphDSL;
import akka.stream.javadsl.Source;
import io.modelserving.akka.javadsl.ServingSettings;
import java.util.List;

/** Wires a {@link ServingStage} into a flow: micro-batching in front, the model stream on its second inlet. */
public final class ServingGraph {

    private ServingGraph() {
    }

    /** A flow of elements to outputs, one per element, in order, as {@code settings} say to batch and score. */
    public static <E, R, M> Flow<E, R, StageHandle> flow(Source<M, ?> models, StagePlan<E, R, M> plan,
                                                         ServingSettings settings) {
        Flow<E, List<E>, NotUsed> batches = settings.batchSize() == 1
                ? Flow.<E>create().map(List::of)
                : Flow.<E>create().groupedWithin(settings.batchSize(), settings.batchWindow());
        ServingStage<E, R, M> stage = new ServingStage<>(plan, settings.parallelism(), settings.scoringDispatcher());
        return Flow.fromGraph(GraphDSL.create(stage, (builder, serving) -> {
            FlowShape<E, List<E>> batcher = builder.add(batches);
            builder.from(batcher.out()).toInlet(serving.in0());
            builder.from(builder.add(models)).toInlet(serving.in1());
            return FlowShape.of(batcher.in(), serving.out());
        }));
    }
}
