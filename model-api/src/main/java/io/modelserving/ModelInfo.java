package io.modelserving;

import java.time.Instant;

/**
 * The identity of a served model, as named in scoring results, stats and scored records.
 *
 * @param since when this model became the current one for its data type
 */
public record ModelInfo(String name, String version, String modelType, String dataType, String description,
                        Instant since) {

    /** {@code name} or {@code name:version}. */
    public String label() {
        return version.isEmpty() ? name : name + ":" + version;
    }
}
