/**
 * Model factories for tests: {@code "constant"}, {@code "failing"} and {@code "slow"}. They are not registered
 * with {@link java.util.ServiceLoader}, so the testkit on a class path never adds test models to a processor;
 * pass them explicitly with {@link io.modelserving.testkit.TestModels#factories()}, and build their descriptors
 * with the other {@link io.modelserving.testkit.TestModels} methods.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
 *         .factories(TestModels.factories())
 *         .build();
 * }</pre>
 */
package io.modelserving.testkit.models;
