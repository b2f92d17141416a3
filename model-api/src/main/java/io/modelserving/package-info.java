/**
 * The core of modelserving: {@link io.modelserving.Model}, {@link io.modelserving.ModelDescriptor},
 * {@link io.modelserving.ModelProcessor} (the current model per data type, swapped at run time),
 * {@link io.modelserving.Scorer} (scores records with it) and {@link io.modelserving.ServingStats}.
 * Engine-neutral: the Kafka Streams and Akka Streams adapters both build on it.
 */
package io.modelserving;
