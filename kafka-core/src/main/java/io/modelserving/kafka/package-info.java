/**
 * The engine-neutral serving core for Kafka records, which both adapters only wire up:
 * {@link io.modelserving.kafka.ServingCore} with its data path ({@link io.modelserving.kafka.RecordServing}) and
 * model path ({@link io.modelserving.kafka.ModelMessages}), the no-model rule
 * ({@link io.modelserving.kafka.ModelLoading}, {@link io.modelserving.kafka.NoModelPolicy}), serving events
 * ({@link io.modelserving.kafka.ServingListener}), and the Kafka conventions around them:
 * {@link io.modelserving.kafka.ServingTopics}, dead letters ({@link io.modelserving.kafka.DeadLetter},
 * {@link io.modelserving.kafka.DeadLetterHeaders}), {@link io.modelserving.kafka.DeliveryGuarantee}, serdes over
 * record codecs, an instance's {@link io.modelserving.kafka.ServingView}, and how instances find each other
 * ({@link io.modelserving.kafka.InstanceDirectory}).
 */
package io.modelserving.kafka;
