package io.modelserving.onnx;

import java.util.List;
import java.util.Objects;

/**
 * How ONNX models are loaded and fed: runtime threads, graph optimization, which named features make up the
 * input vector, and names for the classes of a model whose only output is a score per class. Immutable; each
 * {@code withX} returns a changed copy.
 *
 * <p>The defaults suit a small machine serving from several stream threads at once: one intra-op and one
 * inter-op thread per session (parallelism comes from the callers, and a runtime thread pool per model would
 * compete with them for the cores), all graph optimizations, positional features, class indexes as labels.
 *
 * <pre>{@code
 * OnnxSettings settings = OnnxSettings.defaults()
 *         .withIntraOpThreads(2)
 *         .withFeatureNames(List.of("fixed acidity", "volatile acidity", "alcohol"))
 *         .withClassLabels(List.of("bad", "good"));
 * ModelFactory factory = new OnnxModelFactory(settings);
 * }</pre>
 */
public final class OnnxSettings {

    private static final OnnxSettings DEFAULTS = new OnnxSettings(1, 1, OnnxOptimization.ALL, List.of(), List.of());

    private final int intraOpThreads;
    private final int interOpThreads;
    private final OnnxOptimization optimization;
    private final List<String> featureNames;
    private final List<String> classLabels;

    private OnnxSettings(int intraOpThreads, int interOpThreads, OnnxOptimization optimization,
                         List<String> featureNames, List<String> classLabels) {
        this.intraOpThreads = intraOpThreads;
        this.interOpThreads = interOpThreads;
        this.optimization = optimization;
        this.featureNames = featureNames;
        this.classLabels = classLabels;
    }

    public static OnnxSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Threads ONNX Runtime may use inside one operator. 0 lets the runtime choose (one per core).
     *
     * @throws IllegalArgumentException when negative
     */
    public OnnxSettings withIntraOpThreads(int threads) {
        return new OnnxSettings(requireThreads(threads, "intraOpThreads"), interOpThreads, optimization,
                featureNames, classLabels);
    }

    /**
     * Threads ONNX Runtime may use to run independent operators at once. 0 lets the runtime choose.
     *
     * @throws IllegalArgumentException when negative
     */
    public OnnxSettings withInterOpThreads(int threads) {
        return new OnnxSettings(intraOpThreads, requireThreads(threads, "interOpThreads"), optimization,
                featureNames, classLabels);
    }

    public OnnxSettings withOptimization(OnnxOptimization optimization) {
        Objects.requireNonNull(optimization, "optimization");
        return new OnnxSettings(intraOpThreads, interOpThreads, optimization, featureNames, classLabels);
    }

    /**
     * The named features, in the model's input order, that form the input vector. Records must then carry
     * names; extra features are ignored. Empty (the default) feeds the record's values in their own order.
     * Leave it empty for a model with one input per feature: each input takes the feature of its own name, and
     * such a model is rejected when names are configured.
     *
     * @throws IllegalArgumentException when a name is blank or repeated
     */
    public OnnxSettings withFeatureNames(List<String> names) {
        return new OnnxSettings(intraOpThreads, interOpThreads, optimization, requireDistinct(names, "feature name"),
                classLabels);
    }

    /**
     * Labels for the columns of a class-score output ({@code [n, classes]}) when the model does not name its
     * classes itself. Empty (the default) labels each class by its column index.
     *
     * @throws IllegalArgumentException when a label is blank or repeated
     */
    public OnnxSettings withClassLabels(List<String> labels) {
        return new OnnxSettings(intraOpThreads, interOpThreads, optimization, featureNames,
                requireDistinct(labels, "class label"));
    }

    public int intraOpThreads() {
        return intraOpThreads;
    }

    public int interOpThreads() {
        return interOpThreads;
    }

    public OnnxOptimization optimization() {
        return optimization;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<String> classLabels() {
        return classLabels;
    }

    @Override
    public String toString() {
        return "OnnxSettings[intraOpThreads=" + intraOpThreads + ", interOpThreads=" + interOpThreads
                + ", optimization=" + optimization + ", featureNames=" + featureNames + ", classLabels="
                + classLabels + "]";
    }

    private static int requireThreads(int threads, String what) {
        if (threads < 0) {
            throw new IllegalArgumentException(what + " must be 0 (runtime default) or more, was " + threads);
        }
        return threads;
    }

    private static List<String> requireDistinct(List<String> values, String what) {
        Objects.requireNonNull(values, what + "s");
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank, was '" + value + "' at index " + i);
            }
            if (values.indexOf(value) != i) {
                throw new IllegalArgumentException(what + " '" + value + "' is given twice in " + values);
            }
        }
        return List.copyOf(values);
    }
}
