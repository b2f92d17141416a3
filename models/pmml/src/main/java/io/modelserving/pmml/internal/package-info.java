/** Implementation details of the PMML models; not a public API, may change without notice. */
package io.modelserving.pmml.internal;
