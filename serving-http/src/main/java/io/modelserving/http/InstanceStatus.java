package io.modelserving.http;

import io.modelserving.kafka.Readiness;
import java.net.URI;
import java.util.Objects;

/**
 * How one instance of the application is doing, as {@code GET /instances} lists it: this instance from its own
 * readiness, each peer from its {@code GET /health/ready}.
 *
 * <pre>{@code
 * InstanceStatus self = InstanceStatus.of(view.instance(), null, view.readiness());
 * }</pre>
 *
 * @param instance the instance's name, typically {@code host:port}
 * @param uri      where its HTTP endpoints answer; null for the instance answering
 * @param status   up, down or unreachable
 * @param detail   its readiness detail, or why it could not be asked
 */
public record InstanceStatus(String instance, URI uri, Status status, String detail) {

    /** An instance's state. */
    public enum Status {
        /** Ready to serve. */
        UP,
        /** Answered, not ready. */
        DOWN,
        /** Did not answer in time, or answered something else than its health. */
        UNREACHABLE
    }

    public InstanceStatus {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** An instance that answered with its readiness. */
    public static InstanceStatus of(String instance, URI uri, Readiness readiness) {
        return new InstanceStatus(instance, uri, readiness.ready() ? Status.UP : Status.DOWN, readiness.detail());
    }
}
