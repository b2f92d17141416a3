package io.modelserving;

import java.time.Instant;

/**
 * The identity of a served model, as named in scoring results, stats and scored records.
 *
 * @param since when this model became the current one for its data type (in its role)
 * @param role  how it serves its data type
 */
public record ModelInfo(String name, String version, String modelType, String dataType, String description,
                        Instant since, ModelRole role) {

    public ModelInfo {
        role = role == null ? ModelRole.PRIMARY : role;
    }

    /** A primary model's identity. */
    public ModelInfo(String name, String version, String modelType, String dataType, String description,
                     Instant since) {
        this(name, version, modelType, dataType, description, since, ModelRole.PRIMARY);
    }

    /** The same model in {@code newRole}, since {@code newSince}. */
    public ModelInfo as(ModelRole newRole, Instant newSince) {
        return new ModelInfo(name, version, modelType, dataType, description, newSince, newRole);
    }

    /** {@code name} or {@code name:version}. */
    public String label() {
        return version.isEmpty() ? name : name + ":" + version;
    }
}
