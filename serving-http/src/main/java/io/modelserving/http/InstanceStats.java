package io.modelserving.http;

import io.modelserving.ServingStats;
import java.util.Objects;

/**
 * One instance's stats of one data type, as listed under {@code instances} by {@code GET /state/{dataType}}.
 *
 * <pre>{@code
 * InstanceStats local = new InstanceStats(view.instance(), processor.stats("wine"));
 * }</pre>
 *
 * @param instance the instance's name, typically {@code host:port}
 * @param stats    its stats
 */
public record InstanceStats(String instance, ServingStats stats) {

    public InstanceStats {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(stats, "stats");
    }
}
