/**
 * PMML models evaluated with pmml4s: {@link io.modelserving.pmml.PmmlModelFactory} (model type {@code "pmml"})
 * turns a PMML document into a {@code Model<Features, Prediction>} that reads its inputs by name.
 */
package io.modelserving.pmml;
