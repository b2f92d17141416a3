/** Implementation details; not a public API, may change without notice. */
package io.modelserving.internal;
