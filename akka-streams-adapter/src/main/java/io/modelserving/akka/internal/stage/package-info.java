/**
 * The engine side of the Akka Streams adapter, free of Kafka: the serving stage (batches in, one output per
 * element out, models on a second inlet) and what it asks of a {@link io.modelserving.akka.internal.stage.StagePlan}.
 * Not a public API.
 */
package io.modelserving.akka.internal.stage;
