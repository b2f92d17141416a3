package io.modelserving.onnx;

/**
 * How much ONNX Runtime rewrites a model's graph when it loads it.
 *
 * <pre>{@code
 * OnnxSettings settings = OnnxSettings.defaults().withOptimization(OnnxOptimization.BASIC);
 * }</pre>
 */
public enum OnnxOptimization {
    /** Run the graph as written. */
    NONE,
    /** Semantics-preserving rewrites such as constant folding and redundant node removal. */
    BASIC,
    /** BASIC plus node fusions. */
    EXTENDED,
    /** Every optimization ONNX Runtime has, including layout changes; the runtime's own default. */
    ALL
}
