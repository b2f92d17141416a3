/**
 * ONNX models served with ONNX Runtime: {@link io.modelserving.onnx.OnnxModelFactory} (model type
 * {@code "onnx"}) turns a model's bytes into a {@code Model<Features, Prediction>}.
 */
package io.modelserving.onnx;
