/**
 * The Kafka wiring of the Akka Streams adapter: Alpakka sources and sinks per delivery guarantee, the model topic
 * as a stream, group membership, the writer of bad-model dead letters. What records and models go through is the
 * core's ({@code io.modelserving.kafka.ServingCore}). Not a public API.
 */
package io.modelserving.akka.internal.kafka;
