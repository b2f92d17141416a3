package io.modelserving.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.modelserving.Features;
import io.modelserving.onnx.OnnxModelException;
import java.util.List;
import java.util.Map;

/**
 * A model's one numeric input tensor, which a record fills a row of: the {@link InputSpec} read from the model,
 * and the {@link FeatureSelector} that picks a record's values (all in order, or the configured names).
 */
record VectorInput(InputSpec spec, FeatureSelector selector) implements ModelInputs {

    static VectorInput of(NodeInfo node, List<String> featureNames) {
        InputSpec spec = InputSpec.of(node);
        FeatureSelector selector = new FeatureSelector(featureNames);
        if (selector.size() >= 0 && spec.featureCount() >= 0 && selector.size() != spec.featureCount()) {
            throw new OnnxModelException("The ONNX model's input '" + spec.name() + "' takes " + spec.featureCount()
                    + " features but " + selector.size() + " feature names are configured: " + featureNames);
        }
        return new VectorInput(spec, selector);
    }

    @Override
    public List<String> names() {
        return List.of(spec.name());
    }

    @Override
    public int featureCount() {
        return spec.featureCount();
    }

    @Override
    public boolean batchable() {
        return spec.batchable();
    }

    @Override
    public Map<String, OnnxTensor> tensors(OrtEnvironment env, List<Features> records) throws OrtException {
        return Map.of(spec.name(), spec.tensor(env, records, selector));
    }

    @Override
    public String toString() {
        return spec.shown();
    }
}
