package io.modelserving.benchmarks.endtoend;

import java.util.Locale;

/**
 * The workloads the harness can run: the records and the ONNX model every pipeline of a run works on.
 *
 * <pre>{@code
 * WorkloadKind kind = WorkloadKind.parse("ffnn");
 * }</pre>
 */
public enum WorkloadKind {
    /** 11 named wine features, a linear model built in code: scoring is cheap, the pipeline is the cost. */
    WINE("wine", 20_000),
    /**
     * 784 uniform random values, the Crayfish benchmark's feed-forward network (784-32-32-32-32-10): scoring is a
     * real cost, and the records are 6 KB each.
     */
    FFNN("ffnn", 5_000);

    private final String label;
    private final int defaultRecords;

    WorkloadKind(String label, int defaultRecords) {
        this.label = label;
        this.defaultRecords = defaultRecords;
    }

    /** The name used on the command line and in the report. */
    public String label() {
        return label;
    }

    /** Records per throughput run of the full mode, unless {@code --records} says otherwise. */
    public int defaultRecords() {
        return defaultRecords;
    }

    /**
     * The workload of a command-line name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value when it is none of the workloads
     */
    public static WorkloadKind parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (WorkloadKind kind : values()) {
            if (kind.label.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown workload '" + text + "': use wine, ffnn or all");
    }
}
