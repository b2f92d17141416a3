/** Implementation details of the testkit; not a public API, may change without notice. */
package io.modelserving.testkit.internal;
