package io.modelserving.akka.javadsl;

import akka.Done;
import io.modelserving.ModelInfo;
import io.modelserving.ModelSignature;
import io.modelserving.ServingStats;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The materialized value of a serving flow: what it serves and how it is doing, while it runs.
 *
 * <pre>{@code
 * ServingControl control = source.viaMat(ModelServing.flow(models, processor, Features::dataType, settings),
 *         Keep.right()).to(sink).run(system);
 * control.modelsRestored().toCompletableFuture().join();
 * ServingStats wine = control.stats().get("wine");
 * }</pre>
 */
public interface ServingControl {

    /** The current (primary) model of each data type that has one. */
    Map<String, ModelInfo> currentModels();

    /** The shadow and canary models of each data type that has any; {@link ModelInfo#role()} says which. */
    Map<String, List<ModelInfo>> candidateModels();

    /** The inputs and outputs of a data type's current model, where its format says. */
    Optional<ModelSignature> signature(String dataType);

    /** The stats of each data type seen, by data type. */
    Map<String, ServingStats> stats();

    /**
     * Completes once the models that existed at start have been offered to the processor and data flows; fails
     * if the stream stops before that. A plain {@link ModelServing#flow} does not wait for a restore, so there
     * it completes at once.
     */
    CompletionStage<Done> modelsRestored();
}
