/**
 * Test support: an in-JVM Kafka broker ({@link io.modelserving.testkit.EmbeddedKafkaBroker}), its JUnit 5
 * extension ({@link io.modelserving.testkit.EmbeddedKafkaExtension}), client helpers
 * ({@link io.modelserving.testkit.KafkaHelpers}) and descriptors of the test models
 * ({@link io.modelserving.testkit.TestModels}).
 */
package io.modelserving.testkit;
