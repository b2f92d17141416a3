package io.modelserving.onnx.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.modelserving.Prediction;
import io.modelserving.onnx.OnnxModelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A numeric output tensor: one column is a regression value; several columns are per-class scores, and the
 * predicted class is the column with the highest score (a softmax or sigmoid layer, as neural networks and
 * Tribuo classifiers end).
 */
final class ValueOutput implements OutputReader {

    private final String name;
    private final List<String> classLabels;

    ValueOutput(String name, List<String> classLabels) {
        this.name = name;
        this.classLabels = classLabels;
    }

    @Override
    public Set<String> outputNames() {
        return Set.of(name);
    }

    @Override
    public List<Prediction> read(OrtSession.Result result, int rows) {
        OnnxTensor tensor = Tensors.tensor(result.get(name).orElseThrow(), name);
        int width = Tensors.width(tensor);
        double[] values = Tensors.doubles(tensor, name, rows * width);
        List<Prediction> predictions = new ArrayList<>(rows);
        if (width == 1) {
            for (double value : values) {
                predictions.add(Prediction.of(value));
            }
            return predictions;
        }
        if (!classLabels.isEmpty() && classLabels.size() != width) {
            throw new OnnxModelException("The ONNX model's output '" + name + "' scores " + width + " classes but "
                    + classLabels.size() + " class labels are configured: " + classLabels);
        }
        for (int r = 0; r < rows; r++) {
            Map<String, Double> scores = new LinkedHashMap<>();
            int best = 0;
            for (int c = 0; c < width; c++) {
                double score = values[r * width + c];
                scores.put(Classes.label(classLabels, c), score);
                if (score > values[r * width + best]) {
                    best = c;
                }
            }
            predictions.add(Classes.prediction(Classes.label(classLabels, best), scores));
        }
        return predictions;
    }
}
