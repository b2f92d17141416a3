/** Implementation details of the serving core; not a public API, may change without notice. */
package io.modelserving.kafka.internal;
