package io.modelserving.benchmarks.endtoend;

import io.modelserving.ModelDescriptor;

/**
 * Which model a swap run publishes, version after version: the workload's own small model, where a swap costs
 * little more than the serving code's own work, or a wide network of about 10 MB of ONNX, where moving and
 * loading the bytes is most of it.
 *
 * <pre>{@code
 * ModelDescriptor v3 = SwapModel.LARGE.version(Workload.of(WorkloadKind.WINE), 3);   // 11-1574-1574-1, 10 MB
 * }</pre>
 */
enum SwapModel {
    /** {@link Workload#model}: the linear model for wine, the FFNN for ffnn. */
    SMALL("small"),
    /** {@link Workload#largeModel}: about 10 MB of ONNX over the same input. */
    LARGE("large");

    private final String label;

    SwapModel(String label) {
        this.label = label;
    }

    /** "small" or "large", for run names and the report. */
    String label() {
        return label;
    }

    /** Model {@code version} of {@code workload}. */
    ModelDescriptor version(Workload workload, int version) {
        return this == SMALL ? workload.model(version) : workload.largeModel(version);
    }

    /** Which network it is, and for the large one its size, for the report. */
    String source(Workload workload) {
        return this == SMALL ? workload.modelSource() : workload.largeModelSource();
    }
}
