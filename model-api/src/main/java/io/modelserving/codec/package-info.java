/** Bytes to records and back, with decoding failures as values: the wire contract of {@code modelserving.proto}. */
package io.modelserving.codec;
