package io.modelserving.http.internal;

import java.net.URI;
import java.util.Objects;

/**
 * What one peer answered, or why it did not.
 *
 * @param peer    the peer asked
 * @param value   its answer; null when it failed
 * @param failure why it did not answer; null when it did
 * @param <T>     the answer's type
 */
public record PeerAnswer<T>(URI peer, T value, String failure) {

    public PeerAnswer {
        Objects.requireNonNull(peer, "peer");
    }

    public boolean answered() {
        return failure == null;
    }
}
