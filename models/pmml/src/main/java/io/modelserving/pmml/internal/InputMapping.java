package io.modelserving.pmml.internal;

import io.modelserving.Features;
import io.modelserving.pmml.PmmlModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the model's input fields among a record's features: a numeric feature of the field's name, or else a
 * categorical one, passed to pmml4s as its string. Every field must be present: pmml4s scores a missing field as
 * a missing value without a word, which gives NaN or, worse, a plausible wrong answer.
 *
 * <p>Where each field sits among the numeric features is looked up once per distinct list of numeric names and
 * cached, since a stream's records almost always share one. Categorical features are read by name from each
 * record, so records whose categorical names differ are read correctly.
 */
public final class InputMapping {

    private static final int NOT_NUMERIC = -1;

    private final List<String> fields;
    private volatile Lookup last;

    public InputMapping(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<String> fields() {
        return fields;
    }

    /** The record's values for the model's input fields, in the fields' order: Doubles and Strings. */
    public Object[] values(Features record) {
        if (!record.hasNames() && record.size() > 0) {
            throw new PmmlModelException("A PMML model reads features by name, but the record has " + record.size()
                    + " unnamed values; the model needs " + fields);
        }
        int[] indexes = numericIndexesFor(record.names());
        double[] numbers = record.values();
        Map<String, String> categorical = record.categorical();
        Object[] values = new Object[indexes.length];
        List<String> missing = null;
        for (int i = 0; i < indexes.length; i++) {
            if (indexes[i] != NOT_NUMERIC) {
                values[i] = numbers[indexes[i]];
            } else {
                values[i] = categorical.get(fields.get(i));
                if (values[i] == null) {
                    missing = missing == null ? new ArrayList<>() : missing;
                    missing.add(fields.get(i));
                }
            }
        }
        if (missing != null) {
            throw new PmmlModelException("The record has no feature " + quoted(missing) + " that the PMML model needs;"
                    + " it has " + record.names()
                    + (record.hasCategorical() ? " and categorical " + categorical.keySet() : ""));
        }
        return values;
    }

    /** For each field, its index among the numeric names, or {@link #NOT_NUMERIC}. */
    private int[] numericIndexesFor(List<String> names) {
        Lookup lookup = last;
        if (lookup != null && (lookup.names == names || lookup.names.equals(names))) {
            return lookup.indexes;
        }
        int[] indexes = new int[fields.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = names.indexOf(fields.get(i));
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
