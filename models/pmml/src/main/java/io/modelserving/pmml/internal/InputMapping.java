package io.modelserving.pmml.internal;

import io.modelserving.Features;
import io.modelserving.pmml.PmmlModelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the model's input fields among a record's named features. Every field must be present: pmml4s scores
 * a missing field as a missing value without a word, which gives NaN or, worse, a plausible wrong answer.
 * The lookup is done once per distinct list of names and cached, since a stream's records almost always
 * share one.
 */
public final class InputMapping {

    private final List<String> fields;
    private volatile Lookup last;

    public InputMapping(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<String> fields() {
        return fields;
    }

    /** The record's values for the model's input fields, in the fields' order. */
    public Object[] values(Features record) {
        if (!record.hasNames()) {
            throw new PmmlModelException("A PMML model reads features by name, but the record has " + record.size()
                    + " unnamed values; the model needs " + fields);
        }
        int[] indexes = indexesFor(record.names());
        double[] source = record.values();
        Object[] values = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            values[i] = source[indexes[i]];
        }
        return values;
    }

    private int[] indexesFor(List<String> names) {
        Lookup lookup = last;
        if (lookup != null && (lookup.names == names || lookup.names.equals(names))) {
            return lookup.indexes;
        }
        int[] indexes = new int[fields.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = names.indexOf(fields.get(i));
            if (indexes[i] < 0) {
                missing.add(fields.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new PmmlModelException("The record has no feature " + quoted(missing) + " that the PMML model needs;"
                    + " it has " + names);
        }
        last = new Lookup(names, indexes);
        return indexes;
    }

    private static String quoted(List<String> names) {
        return names.size() == 1 ? "'" + names.get(0) + "'" : "named " + names;
    }

    private record Lookup(List<String> names, int[] indexes) {
    }
}
