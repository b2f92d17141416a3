package io.modelserving.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import io.modelserving.Prediction;
import io.modelserving.onnx.OnnxModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a model run's outputs into one {@link Prediction} per row. Chosen once per model from its outputs:
 * <ul>
 *   <li>a label output ({@code int64}/{@code int32}/{@code string}, shape {@code [rows]} or {@code [rows, 1]}),
 *       optionally with probabilities (a {@code [rows, classes]} tensor or a sequence of maps, as scikit-learn
 *       converters write them) &rarr; {@link ClassifierOutput};</li>
 *   <li>otherwise the first {@code float}/{@code double} tensor &rarr; {@link ValueOutput}: a regression when
 *       it has one column, class scores when it has several.</li>
 * </ul>
 */
public interface OutputReader {

    /** The outputs the run must compute. */
    Set<String> outputNames();

    List<Prediction> read(OrtSession.Result result, int rows) throws OrtException;

    /** Picks the reader for a model's outputs; throws when none of them can be read. */
    static OutputReader of(Map<String, NodeInfo> outputs, List<String> classLabels) {
        NodeInfo label = null;
        for (NodeInfo node : outputs.values()) {
            if (isLabel(node)) {
                label = node;
                break;
            }
        }
        if (label != null) {
            for (NodeInfo node : outputs.values()) {
                if (node != label && (isProbabilityMaps(node) || isScoreTensor(node, true))) {
                    return new ClassifierOutput(label.getName(), node.getName(), classLabels);
                }
            }
            return new ClassifierOutput(label.getName(), null, classLabels);
        }
        for (NodeInfo node : outputs.values()) {
            if (isScoreTensor(node, false)) {
                return new ValueOutput(node.getName(), classLabels);
            }
        }
        List<String> found = new ArrayList<>();
        outputs.values().forEach(node -> found.add(node.getName() + ": " + node.getInfo()));
        throw new OnnxModelException("The ONNX model has no output that gives a prediction (a float or double "
                + "tensor [rows] or [rows, n], or a class label tensor); its outputs are " + found);
    }

    private static boolean isLabel(NodeInfo node) {
        return node.getInfo() instanceof TensorInfo tensor
                && (tensor.type == OnnxJavaType.INT64 || tensor.type == OnnxJavaType.INT32
                    || tensor.type == OnnxJavaType.STRING)
                && (tensor.getShape().length == 1 || tensor.getShape().length == 2 && tensor.getShape()[1] == 1);
    }

    private static boolean isScoreTensor(NodeInfo node, boolean rank2Only) {
        return node.getInfo() instanceof TensorInfo tensor
                && (tensor.type == OnnxJavaType.FLOAT || tensor.type == OnnxJavaType.DOUBLE)
                && (tensor.getShape().length == 2 || !rank2Only && tensor.getShape().length == 1);
    }

    private static boolean isProbabilityMaps(NodeInfo node) {
        return node.getInfo() instanceof SequenceInfo sequence && sequence.isSequenceOfMaps()
                && (sequence.mapInfo.valueType == OnnxJavaType.FLOAT || sequence.mapInfo.valueType == OnnxJavaType.DOUBLE);
    }
}
