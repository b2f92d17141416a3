/** Implementation details of the Akka Streams adapter; not a public API, may change without notice. */
package io.modelserving.akka.internal;
