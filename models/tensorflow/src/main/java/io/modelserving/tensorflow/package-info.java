/**
 * Ready-made TensorFlow models: frozen graphs ({@link io.modelserving.tensorflow.TensorFlowModelFactory},
 * model type {@code "tensorflow"}) and SavedModels
 * ({@link io.modelserving.tensorflow.TensorFlowSavedModelFactory}, model type {@code "tensorflow-saved"}),
 * both scoring {@link io.modelserving.Features} into {@link io.modelserving.Prediction}s. The factories are
 * registered with {@link java.util.ServiceLoader}, so putting this module on the class path is enough.
 * {@link io.modelserving.tensorflow.TensorFlowRuntime} says where TensorFlow's native libraries unpack.
 */
package io.modelserving.tensorflow;
