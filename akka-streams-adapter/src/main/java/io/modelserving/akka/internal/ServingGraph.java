package io.modelserving.akka.internal;

import akka.NotUsed;
import akka.stream.FlowShape;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.GraphDSL;
import akka.stream.javadsl.Source;
import java.time.Duration;
import java.util.List;

/** Wires a {@link ServingStage} into a flow: micro-batching in front, the model events on its second inlet. */
public final class ServingGraph {

    private ServingGraph() {
    }

    /**
     * A flow of elements to outputs, one per element, in order.
     *
     * @param batchSize   1 for no batching; otherwise {@code groupedWithin(batchSize, batchWindow)}
     */
    public static <E, R> Flow<E, R, StageHandle> flow(Source<ModelEvent, ?> modelEvents, StageConfig<E, R> config,
                                                      int batchSize, Duration batchWindow) {
        Flow<E, List<E>, NotUsed> batches = batchSize == 1
                ? Flow.<E>create().map(List::of)
                : Flow.<E>create().groupedWithin(batchSize, batchWindow);
        return Flow.fromGraph(GraphDSL.create(new ServingStage<>(config), (builder, stage) -> {
            FlowShape<E, List<E>> batcher = builder.add(batches);
            builder.from(batcher.out()).toInlet(stage.in0());
            builder.from(builder.add(modelEvents)).toInlet(stage.in1());
            return FlowShape.of(batcher.in(), stage.out());
        }));
    }
}
