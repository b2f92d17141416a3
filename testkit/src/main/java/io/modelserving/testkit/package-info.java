/**
 * Test support: an in-JVM Kafka broker ({@link io.modelserving.testkit.EmbeddedKafkaBroker}), its JUnit 5
 * extension ({@link io.modelserving.testkit.EmbeddedKafkaExtension}), client helpers
 * ({@link io.modelserving.testkit.KafkaHelpers}), the test models and their factories
 * ({@link io.modelserving.testkit.TestModels}), and data sets kept outside the repository
 * ({@link io.modelserving.testkit.SharedData}).
 */
package io.modelserving.testkit;
