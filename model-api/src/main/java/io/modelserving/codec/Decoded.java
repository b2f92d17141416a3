package io.modelserving.codec;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of decoding bytes: a value, or the reason the bytes are not one. Decoding never throws, so a
 * stream that decodes untrusted bytes keeps running and can route the bad ones to a dead-letter topic.
 *
 * @param <T> the decoded type
 */
public sealed interface Decoded<T> {

    record Value<T>(T value) implements Decoded<T> {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failure<T>(String reason) implements Decoded<T> {
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Decoded<T> value(T value) {
        return new Value<>(value);
    }

    static <T> Decoded<T> failure(String reason) {
        return new Failure<>(reason);
    }

    default boolean isValue() {
        return this instanceof Value;
    }

    /** The value; throws {@link IllegalStateException} with the reason on a failure. */
    default T get() {
        if (this instanceof Value<T> v) {
            return v.value();
        }
        throw new IllegalStateException("Not decoded: " + ((Failure<T>) this).reason());
    }

    /** The failure reason; empty for a value. */
    default String reason() {
        return this instanceof Failure<T> f ? f.reason() : "";
    }

    default <R> Decoded<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Value<T> v) {
            return new Value<>(mapper.apply(v.value()));
        }
        return new Failure<>(((Failure<T>) this).reason());
    }
}
