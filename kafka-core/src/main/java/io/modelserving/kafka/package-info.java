/**
 * Kafka conventions shared by the Kafka Streams and Akka Streams adapters: {@link io.modelserving.kafka.ServingTopics},
 * dead letters ({@link io.modelserving.kafka.DeadLetter}, {@link io.modelserving.kafka.DeadLetterHeaders}),
 * {@link io.modelserving.kafka.OutputRouter} (what each input becomes),
 * {@link io.modelserving.kafka.NoModelPolicy}, {@link io.modelserving.kafka.DeliveryGuarantee} and serdes over
 * record codecs.
 */
package io.modelserving.kafka;
