package io.modelserving.onnx.internal;

import io.modelserving.Features;
import io.modelserving.onnx.OnnxModelException;
import java.util.List;

/**
 * Turns a record into the model's input vector: its values as they are, or the configured named features in
 * the configured order. The name lookup is done once per distinct list of names and cached, since a stream's
 * records almost always share one.
 */
public final class FeatureSelector {

    private final List<String> wanted;
    private volatile Mapping last;

    public FeatureSelector(List<String> wanted) {
        this.wanted = List.copyOf(wanted);
    }

    /** The number of values {@link #values} returns, or -1 when it is the record's own size. */
    public int size() {
        return wanted.isEmpty() ? -1 : wanted.size();
    }

    /**
     * The record's categorical features the model would need, which no numeric tensor can take: all of them when
     * the record's values are read in order (else they would be dropped without a word), only the configured names
     * among them when named features are read.
     */
    public List<String> categoricalNeeded(Features features) {
        if (!features.hasCategorical()) {
            return List.of();
        }
        if (wanted.isEmpty()) {
            return List.copyOf(features.categorical().keySet());
        }
        return wanted.stream().filter(features.categorical()::containsKey).toList();
    }

    /** The record's input vector; do not modify it (it may be the record's own array). */
    public double[] values(Features features) {
        if (wanted.isEmpty()) {
            return features.values();
        }
        if (!features.hasNames()) {
            throw new OnnxModelException("The model reads the named features " + wanted
                    + " but the record has " + features.size() + " unnamed values");
        }
        int[] indexes = indexesFor(features.names());
        double[] source = features.values();
        double[] selected = new double[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            selected[i] = source[indexes[i]];
        }
        return selected;
    }

    private int[] indexesFor(List<String> names) {
        Mapping mapping = last;
        if (mapping != null && (mapping.names == names || mapping.names.equals(names))) {
            return mapping.indexes;
        }
        int[] indexes = new int[wanted.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = names.indexOf(wanted.get(i));
            if (indexes[i] < 0) {
                throw new OnnxModelException("The record has no feature '" + wanted.get(i)
                        + "' that the model needs; it has " + names);
            }
        }
        last = new Mapping(names, indexes);
        return indexes;
    }

    private record Mapping(List<String> names, int[] indexes) {
    }
}
