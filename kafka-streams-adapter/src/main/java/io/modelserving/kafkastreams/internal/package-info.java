/** Implementation details of the Kafka Streams adapter; not a public API. */
package io.modelserving.kafkastreams.internal;
