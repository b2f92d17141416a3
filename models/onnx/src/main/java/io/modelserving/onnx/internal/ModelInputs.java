package io.modelserving.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.modelserving.Features;
import io.modelserving.onnx.OnnxModelException;
import java.util.List;
import java.util.Map;

/**
 * How records become the input tensors of one model run. Chosen once per model from its inputs:
 * <ul>
 *   <li>one numeric input &rarr; {@link VectorInput}: a record's values fill one row of it;</li>
 *   <li>several inputs, or a string one &rarr; {@link PerFeatureInputs}: each input is one column, filled from
 *       the feature of its name (as scikit-learn-onnx converts a pipeline with a ColumnTransformer).</li>
 * </ul>
 */
public interface ModelInputs {

    /** The inputs' names, in the order the model lists them. */
    List<String> names();

    /** The features a record gives the model, or -1 when the model leaves the width open. */
    int featureCount();

    /** Whether several records fit in one run (no input fixes the row dimension at 1). */
    boolean batchable();

    /**
     * The run's tensors by input name, one row per record; the caller closes them.
     *
     * @throws OnnxModelException naming the record that does not fit (no tensor is then left open)
     */
    Map<String, OnnxTensor> tensors(OrtEnvironment env, List<Features> records) throws OrtException;

    /** Reads a loaded model's inputs; throws when they are of no kind described above. */
    static ModelInputs of(Map<String, NodeInfo> inputs, List<String> featureNames) {
        if (inputs.size() == 1 && !takesStrings(inputs.values().iterator().next())) {
            return VectorInput.of(inputs.values().iterator().next(), featureNames);
        }
        PerFeatureInputs perFeature = PerFeatureInputs.of(inputs.values());
        if (!featureNames.isEmpty()) {
            throw new OnnxModelException("Feature names " + featureNames + " are configured, but the ONNX model takes"
                    + " one input per feature, each filled from the feature of its name (" + perFeature
                    + "); configure no feature names for this model");
        }
        return perFeature;
    }

    private static boolean takesStrings(NodeInfo node) {
        return node.getInfo() instanceof TensorInfo tensor && tensor.type == OnnxJavaType.STRING;
    }
}
