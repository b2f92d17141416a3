package io.modelserving.akka.internal;

import java.util.List;

/**
 * Turns a batch of stream elements into exactly one output per element, in order. Called from several threads
 * at once when scoring is parallel, so it must be thread-safe; it must not throw for a bad element (the
 * {@link io.modelserving.Scorer} it wraps turns failures into values).
 */
@FunctionalInterface
public interface BatchScorer<E, R> {

    List<R> score(List<E> batch);
}
