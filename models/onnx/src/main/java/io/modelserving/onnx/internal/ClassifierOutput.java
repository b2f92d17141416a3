package io.modelserving.onnx.internal;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.modelserving.Prediction;
import io.modelserving.onnx.OnnxModelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A classifier's label output, with its probabilities when the model gives them: a {@code [rows, classes]}
 * tensor (columns labelled by the configured class labels or by index) or a sequence of label-to-probability
 * maps (labels from the maps' keys, in ascending order).
 */
final class ClassifierOutput implements OutputReader {

    private final String labelName;
    private final String probabilityName;
    private final List<String> classLabels;

    ClassifierOutput(String labelName, String probabilityName, List<String> classLabels) {
        this.labelName = labelName;
        this.probabilityName = probabilityName;
        this.classLabels = classLabels;
    }

    @Override
    public Set<String> outputNames() {
        return probabilityName == null ? Set.of(labelName) : Set.of(labelName, probabilityName);
    }

    @Override
    public List<Prediction> read(OrtSession.Result result, int rows) throws OrtException {
        String[] labels = labels(result, rows);
        List<Map<String, Double>> probabilities = probabilities(result, rows);
        List<Prediction> predictions = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            predictions.add(Classes.prediction(labels[r], probabilities.get(r)));
        }
        return predictions;
    }

    private String[] labels(OrtSession.Result result, int rows) throws OrtException {
        OnnxTensor tensor = Tensors.tensor(result.get(labelName).orElseThrow(), labelName);
        if (tensor.getInfo().type == OnnxJavaType.STRING) {
            return Tensors.strings(tensor, labelName, rows);
        }
        double[] values = Tensors.doubles(tensor, labelName, rows);
        String[] labels = new String[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = Long.toString((long) values[r]);
        }
        return labels;
    }

    private List<Map<String, Double>> probabilities(OrtSession.Result result, int rows) throws OrtException {
        List<Map<String, Double>> out = new ArrayList<>(rows);
        if (probabilityName == null) {
            for (int r = 0; r < rows; r++) {
                out.add(Map.of());
            }
            return out;
        }
        OnnxValue value = result.get(probabilityName).orElseThrow();
        if (value instanceof OnnxSequence sequence) {
            List<? extends OnnxValue> maps = sequence.getValue();
            if (maps.size() != rows) {
                throw new OnnxModelException("The ONNX model's output '" + probabilityName + "' has " + maps.size()
                        + " probability maps for " + rows + " rows");
            }
            for (OnnxValue map : maps) {
                out.add(sorted(((OnnxMap) map).getValue()));
            }
            return out;
        }
        OnnxTensor tensor = Tensors.tensor(value, probabilityName);
        int width = Tensors.width(tensor);
        if (!classLabels.isEmpty() && classLabels.size() != width) {
            throw new OnnxModelException("The ONNX model's output '" + probabilityName + "' has " + width
                    + " classes but " + classLabels.size() + " class labels are configured: " + classLabels);
        }
        double[] values = Tensors.doubles(tensor, probabilityName, rows * width);
        for (int r = 0; r < rows; r++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int c = 0; c < width; c++) {
                row.put(Classes.label(classLabels, c), values[r * width + c]);
            }
            out.add(row);
        }
        return out;
    }

    // Map outputs come back unordered; ascending keys match the class order converters use.
    private static Map<String, Double> sorted(Map<?, ?> map) {
        TreeMap<Object, Double> byKey = new TreeMap<>();
        map.forEach((key, probability) -> byKey.put(key, ((Number) probability).doubleValue()));
        Map<String, Double> out = new LinkedHashMap<>();
        byKey.forEach((key, probability) -> out.put(String.valueOf(key), probability));
        return out;
    }
}
