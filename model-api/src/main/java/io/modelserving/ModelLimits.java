package io.modelserving;

import java.nio.file.Path;
import java.util.List;

/**
 * Guards on what a model message may make the service load.
 *
 * <p>A model arrives on a topic that anyone with write access can publish to, so its content is untrusted
 * input: it is bounded in size, and a location is honoured only inside directories the operator allowed.
 *
 * @param maxModelBytes      the largest model content accepted, inline or read from a file
 * @param allowedDirectories directories a {@link ModelPayload.Location} may point into; empty disables
 *                           location-based models
 */
public record ModelLimits(long maxModelBytes, List<Path> allowedDirectories) {

    /** 256 MiB: larger than any Kafka message, small enough to never exhaust a default heap. */
    public static final long DEFAULT_MAX_MODEL_BYTES = 256L * 1024 * 1024;

    public ModelLimits {
        if (maxModelBytes <= 0) {
            throw new IllegalArgumentException("maxModelBytes must be positive, was " + maxModelBytes);
        }
        allowedDirectories = allowedDirectories.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** Default size limit, no locations allowed. */
    public static ModelLimits defaults() {
        return new ModelLimits(DEFAULT_MAX_MODEL_BYTES, List.of());
    }

    public ModelLimits withMaxModelBytes(long max) {
        return new ModelLimits(max, allowedDirectories);
    }

    public ModelLimits withAllowedDirectories(Path... directories) {
        return new ModelLimits(maxModelBytes, List.of(directories));
    }
}
