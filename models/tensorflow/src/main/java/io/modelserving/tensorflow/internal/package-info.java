/** Implementation details of the TensorFlow models; not a public API, may change without notice. */
package io.modelserving.tensorflow.internal;
