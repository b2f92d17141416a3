/**
 * Model factories for tests, found through {@link java.util.ServiceLoader} when the testkit is on the class
 * path: {@code "constant"}, {@code "failing"} and {@code "slow"}. Build their descriptors with
 * {@link io.modelserving.testkit.TestModels}.
 */
package io.modelserving.testkit.models;
