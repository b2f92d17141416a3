package io.modelserving.akka.internal.stage;

import akka.Done;
import io.modelserving.ModelInfo;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelSignature;
import io.modelserving.ServingStats;
import io.modelserving.akka.javadsl.ServingControl;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A {@link ServingControl} over a processor and the stage's handle. */
public class ProcessorControl implements ServingControl {

    private final ModelProcessor<?, ?> processor;
    private final StageHandle handle;

    public ProcessorControl(ModelProcessor<?, ?> processor, StageHandle handle) {
        this.processor = processor;
        this.handle = handle;
    }

    @Override
    public Map<String, ModelInfo> currentModels() {
        return processor.currentModels();
    }

    @Override
    public Map<String, List<ModelInfo>> candidateModels() {
        return processor.candidateModels();
    }

    @Override
    public Optional<ModelSignature> signature(String dataType) {
        return processor.signature(dataType);
    }

    @Override
    public Map<String, ServingStats> stats() {
        return processor.stats();
    }

    @Override
    public CompletionStage<Done> modelsRestored() {
        return handle.restored();
    }

    public ModelProcessor<?, ?> processor() {
        return processor;
    }
}
