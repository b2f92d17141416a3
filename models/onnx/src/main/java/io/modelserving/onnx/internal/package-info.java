/** Implementation details of the ONNX models; not a public API, may change without notice. */
package io.modelserving.onnx.internal;
