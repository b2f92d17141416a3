/** Implementation details of the Avro codecs; not a public API, may change without notice. */
package io.modelserving.avro.internal;
