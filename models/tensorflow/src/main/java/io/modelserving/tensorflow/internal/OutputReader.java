package io.modelserving.tensorflow.internal;

import io.modelserving.ModelServingException;
import io.modelserving.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Turns an output tensor into predictions. A [n, k] output with k &ge; 2 is a classifier's per-class scores:
 * the prediction's value and label are the index of the highest score (the tutorial's quality 0..8) and its
 * probabilities map "0".."k-1" to the scores as the model gives them. A [n] or [n, 1] output is a regression.
 */
final class OutputReader {

    private OutputReader() {
    }

    static List<Prediction> predictions(Tensor tensor, int rows, String output, boolean rejectNaN) {
        if (!(tensor instanceof TFloat32 floats)) {
            throw new ModelServingException("Output '" + output + "' is " + tensor.dataType()
                    + "; only float32 outputs are supported");
        }
        Shape shape = floats.shape();
        if (shape.numDimensions() < 1 || shape.numDimensions() > 2 || shape.size(0) != rows) {
            throw new ModelServingException("Output '" + output + "' has shape " + shape + " for " + rows
                    + " record(s); expected [" + rows + ", classes] or [" + rows + "]");
        }
        int width = shape.numDimensions() == 1 ? 1 : (int) shape.size(1);
        if (width < 1) {
            throw new ModelServingException("Output '" + output + "' has no values per record: " + shape);
        }
        float[] values = new float[rows * width];
        floats.copyTo(DataBuffers.of(values, false, false));
        List<Prediction> predictions = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            predictions.add(width == 1 ? regression(values[row], row, rejectNaN)
                    : classification(values, row, width, rejectNaN));
        }
        return predictions;
    }

    private static Prediction regression(float value, int row, boolean rejectNaN) {
        if (rejectNaN && Float.isNaN(value)) {
            throw new ModelServingException("The model's output is NaN for record " + row);
        }
        return Prediction.of(value);
    }

    private static Prediction classification(float[] values, int row, int width, boolean rejectNaN) {
        Map<String, Double> scores = new LinkedHashMap<>(width * 2);
        int best = -1;
        for (int k = 0; k < width; k++) {
            float score = values[row * width + k];
            if (rejectNaN && Float.isNaN(score)) {
                throw new ModelServingException("The model's output is NaN for record " + row + ", class " + k);
            }
            scores.put(Integer.toString(k), (double) score);
            if (best < 0 || score > values[row * width + best]) {
                best = k;
            }
        }
        return Prediction.ofClass(best, Integer.toString(best), scores);
    }
}
