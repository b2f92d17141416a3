/** Implementation details of the HTTP endpoints; not a public API. */
package io.modelserving.http.internal;
