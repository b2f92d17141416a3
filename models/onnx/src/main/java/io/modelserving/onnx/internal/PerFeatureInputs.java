package io.modelserving.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.modelserving.Features;
import io.modelserving.onnx.OnnxModelException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inputs of a model that takes one input per feature, named like it, as scikit-learn-onnx converts a pipeline
 * with a ColumnTransformer: each a column of strings or numbers ({@link FeatureInput}). A string input takes the
 * record's categorical feature of its name, a numeric input the numeric one; a batch fills one row per record in
 * every input. Where each numeric input's feature sits in a record is looked up once per distinct list of names
 * and cached, since a stream's records almost always share one.
 */
final class PerFeatureInputs implements ModelInputs {

    private final List<FeatureInput> inputs;
    private final List<String> names;
    private final boolean batchable;
    private volatile NumericIndexes last;

    private PerFeatureInputs(List<FeatureInput> inputs) {
        this.inputs = inputs;
        this.names = inputs.stream().map(FeatureInput::name).toList();
        this.batchable = inputs.stream().allMatch(FeatureInput::batchable);
    }

    static PerFeatureInputs of(Collection<NodeInfo> nodes) {
        if (nodes.isEmpty()) {
            throw new OnnxModelException("The ONNX model has no inputs");
        }
        return new PerFeatureInputs(nodes.stream().map(FeatureInput::of).toList());
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public int featureCount() {
        return inputs.size();
    }

    @Override
    public boolean batchable() {
        return batchable;
    }

    @Override
    public Map<String, OnnxTensor> tensors(OrtEnvironment env, List<Features> records) throws OrtException {
        int rows = records.size();
        String[][] strings = new String[inputs.size()][];
        double[][] numbers = new double[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).takesStrings()) {
                strings[i] = new String[rows];
            } else {
                numbers[i] = new double[rows];
            }
        }
        // Every record is checked before any tensor exists, so a record that does not fit leaves none to close.
        for (int r = 0; r < rows; r++) {
            Features record = records.get(r);
            int[] indexes = indexesFor(record.names());
            for (int i = 0; i < inputs.size(); i++) {
                FeatureInput input = inputs.get(i);
                if (input.takesStrings()) {
                    strings[i][r] = category(record, input, rows, r);
                } else {
                    numbers[i][r] = number(record, indexes[i], input, rows, r);
                }
            }
        }
        Map<String, OnnxTensor> tensors = new HashMap<>(inputs.size() * 2);
        try {
            for (int i = 0; i < inputs.size(); i++) {
                FeatureInput input = inputs.get(i);
                tensors.put(input.name(), input.takesStrings() ? input.tensor(env, strings[i])
                        : input.tensor(env, numbers[i]));
            }
            return tensors;
        } catch (OrtException | RuntimeException e) {
            OnnxValue.close(tensors);
            throw e;
        }
    }

    private static String category(Features record, FeatureInput input, int rows, int r) {
        String value = record.categorical().get(input.name());
        if (value != null) {
            return value;
        }
        int index = record.names().indexOf(input.name());
        if (index >= 0) {
            throw new OnnxModelException(describe(rows, r) + "has the number " + record.value(index) + " for feature '"
                    + input.name() + "', but the model's input " + input.shown()
                    + " takes strings: send the feature as a category");
        }
        throw missing(record, input, rows, r);
    }

    private static double number(Features record, int index, FeatureInput input, int rows, int r) {
        if (index < 0) {
            String category = record.categorical().get(input.name());
            if (category != null) {
                throw new OnnxModelException(describe(rows, r) + "has the category '" + category + "' for feature '"
                        + input.name() + "', but the model's input " + input.shown() + " takes numbers");
            }
            throw missing(record, input, rows, r);
        }
        double value = record.value(index);
        if (!input.accepts(value)) {
            throw new OnnxModelException(describe(rows, r) + "has feature '" + input.name() + "' = " + value
                    + ", but the model's input " + input.shown() + " takes " + input.type() + " integers");
        }
        return value;
    }

    private static OnnxModelException missing(Features record, FeatureInput input, int rows, int r) {
        String has = record.hasNames() || record.hasCategorical() || record.size() == 0
                ? "the features " + allNames(record) : record.size() + " unnamed values";
        return new OnnxModelException(describe(rows, r) + "has no feature '" + input.name() + "' for the model's input "
                + input.shown() + "; it has " + has);
    }

    private static List<String> allNames(Features record) {
        List<String> all = new ArrayList<>(record.names());
        all.addAll(record.categorical().keySet());
        return all;
    }

    /** Each numeric input's index among the record's numeric names (-1 when absent, or a string input). */
    private int[] indexesFor(List<String> recordNames) {
        NumericIndexes cached = last;
        if (cached != null && (cached.names == recordNames || cached.names.equals(recordNames))) {
            return cached.indexes;
        }
        int[] indexes = new int[inputs.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = inputs.get(i).takesStrings() ? -1 : recordNames.indexOf(inputs.get(i).name());
        }
        last = new NumericIndexes(recordNames, indexes);
        return indexes;
    }

    private static String describe(int rows, int row) {
        return rows == 1 ? "The record " : "Record " + row + " of the batch ";
    }

    @Override
    public String toString() {
        return "inputs " + inputs.stream().map(FeatureInput::shown).collect(Collectors.joining(", "));
    }

    private record NumericIndexes(List<String> names, int[] indexes) {
    }
}
