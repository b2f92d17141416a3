/**
 * Model serving for Kafka Streams: {@link io.modelserving.kafkastreams.ModelServingStreams} builds the topology
 * from a {@link io.modelserving.kafkastreams.ServingConfig}; {@link io.modelserving.kafkastreams.ServingRuntime}
 * gives each instance's readiness and its view for the shared HTTP endpoints.
 */
package io.modelserving.kafkastreams;
