package io.modelserving;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything needed to load a model: its identity, the data type it serves, its model type (the key of a
 * {@link io.modelserving.spi.ModelFactory}, such as {@code "onnx"} or {@code "pmml"}) and its content.
 *
 * <pre>{@code
 * ModelDescriptor descriptor = ModelDescriptor.builder("wine-linear", "wine", "onnx")
 *         .version("2")
 *         .description("linear regression on the red-wine data")
 *         .bytes(Files.readAllBytes(Path.of("wine.onnx")))
 *         .build();
 * }</pre>
 *
 * @param name        the model's name, shown in stats and scored records
 * @param description free text
 * @param dataType    the data type whose records this model scores
 * @param modelType   the model type, matched against {@link io.modelserving.spi.ModelFactory#modelType()}
 * @param version     a version label; empty when unknown
 * @param createdAt   when the model was published; {@link Instant#EPOCH} when unknown
 * @param sha256      lower-case hex SHA-256 of the model bytes, checked before loading; empty to skip
 * @param payload     the content: bytes or a location
 * @param role        how the model serves its data type: primary (the default), shadow or canary
 * @param canaryPercent the share of keys a canary serves, above 0 and at most 100; 0 for any other role
 * @param promotion   when a shadow or canary is promoted or retired automatically; null for never (and for other
 *                    roles)
 * @param ensemble    the members and decider of an ensemble (role {@link ModelRole#ENSEMBLE}, model type
 *                    {@link Ensemble#MODEL_TYPE}, no content of its own); null for any other role
 */
public record ModelDescriptor(String name, String description, String dataType, String modelType,
                              String version, Instant createdAt, String sha256, ModelPayload payload,
                              ModelRole role, double canaryPercent, PromotionRule promotion, Ensemble ensemble) {

    public ModelDescriptor {
        requireText(name, "name");
        requireText(dataType, "dataType");
        requireText(modelType, "modelType");
        description = description == null ? "" : description;
        version = version == null ? "" : version;
        createdAt = createdAt == null ? Instant.EPOCH : createdAt;
        sha256 = sha256 == null ? "" : sha256;
        Objects.requireNonNull(payload, "payload");
        role = role == null ? ModelRole.PRIMARY : role;
        checkCanaryPercent(role, canaryPercent);
        if (promotion != null && role != ModelRole.SHADOW && role != ModelRole.CANARY) {
            throw new IllegalArgumentException("ModelDescriptor " + name + " has a promotion rule but is a "
                    + role.label() + ": only a shadow or a canary is promoted by rule");
        }
        if (promotion != null && role == ModelRole.CANARY && promotion.minAgreement() != 0) {
            throw new IllegalArgumentException("ModelDescriptor " + name + " is a canary, which is not compared "
                    + "with anything: its promotion rule's minimum agreement must be 0, was "
                    + promotion.minAgreement());
        }
        if ((ensemble != null) != (role == ModelRole.ENSEMBLE)) {
            throw new IllegalArgumentException("ModelDescriptor " + name + (ensemble == null
                    ? " is an ensemble without members" : " has ensemble members but is a " + role.label()));
        }
        if (ensemble != null) {
            if (!modelType.equals(Ensemble.MODEL_TYPE)) {
                throw new IllegalArgumentException("ModelDescriptor " + name + " is an ensemble: its model type is '"
                        + Ensemble.MODEL_TYPE + "', not '" + modelType + "'");
            }
            for (ModelDescriptor member : ensemble.members()) {
                if (!member.dataType().equals(dataType)) {
                    throw new IllegalArgumentException("ensemble " + name + " of data type " + dataType
                            + " has member " + member.name() + " of data type " + member.dataType());
                }
            }
        }
    }

    /** A descriptor of any role but an ensemble. */
    public ModelDescriptor(String name, String description, String dataType, String modelType, String version,
                           Instant createdAt, String sha256, ModelPayload payload, ModelRole role,
                           double canaryPercent, PromotionRule promotion) {
        this(name, description, dataType, modelType, version, createdAt, sha256, payload, role, canaryPercent,
                promotion, null);
    }

    /** A primary model's descriptor. */
    public ModelDescriptor(String name, String description, String dataType, String modelType, String version,
                           Instant createdAt, String sha256, ModelPayload payload) {
        this(name, description, dataType, modelType, version, createdAt, sha256, payload, ModelRole.PRIMARY, 0,
                null);
    }

    public static Builder builder(String name, String dataType, String modelType) {
        return new Builder(name, dataType, modelType);
    }

    /** This descriptor's identity as shown in stats and scored records. */
    public ModelInfo info(Instant since) {
        return new ModelInfo(name, version, modelType, dataType, description, since, role);
    }

    /** The data type and role this descriptor deploys to, as its model-topic key names them. */
    public ModelSlotKey slot() {
        return new ModelSlotKey(dataType, role);
    }

    /**
     * The same model in another role, e.g. a shadow's descriptor as the primary it is promoted to; a promotion rule
     * stays only on a shadow or canary.
     */
    public ModelDescriptor withRole(ModelRole newRole, double newCanaryPercent) {
        boolean ruled = newRole == ModelRole.SHADOW || newRole == ModelRole.CANARY;
        return new ModelDescriptor(name, description, dataType, modelType, version, createdAt, sha256, payload,
                newRole, newCanaryPercent, ruled ? promotion : null, newRole == ModelRole.ENSEMBLE ? ensemble : null);
    }

    @Override
    public String toString() {
        return "ModelDescriptor[" + name + (version.isEmpty() ? "" : " v" + version) + ", dataType=" + dataType
                + ", modelType=" + modelType + (role == ModelRole.PRIMARY ? "" : ", role=" + role.label())
                + (role == ModelRole.CANARY ? " " + canaryPercent + "%" : "")
                + (ensemble == null ? ", " + payload : ", " + ensemble.members().size() + " members, decider "
                        + ensemble.decider()) + "]";
    }

    private static void checkCanaryPercent(ModelRole role, double percent) {
        if (role == ModelRole.CANARY ? !(percent > 0 && percent <= 100) : percent != 0) {
            throw new IllegalArgumentException("ModelDescriptor canaryPercent must be "
                    + (role == ModelRole.CANARY ? "above 0 and at most 100" : "0 for role " + role.label())
                    + ", was " + percent);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ModelDescriptor " + what + " must not be blank, was '" + value + "'");
        }
    }

    /** Builds a {@link ModelDescriptor}; name, data type and model type are required. */
    public static final class Builder {
        private final String name;
        private final String dataType;
        private final String modelType;
        private String description = "";
        private String version = "";
        private Instant createdAt = Instant.EPOCH;
        private String sha256 = "";
        private ModelPayload payload;
        private ModelRole role = ModelRole.PRIMARY;
        private double canaryPercent;
        private PromotionRule promotion;
        private Ensemble ensemble;

        private Builder(String name, String dataType, String modelType) {
            this.name = name;
            this.dataType = dataType;
            this.modelType = modelType;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder sha256(String sha256) {
            this.sha256 = sha256;
            return this;
        }

        /** The model's role; {@link #canary} for a canary, which needs its share. */
        public Builder role(ModelRole newRole) {
            this.role = newRole;
            this.canaryPercent = 0;
            return this;
        }

        /** Deploys the model as a shadow of its data type's primary. */
        public Builder shadow() {
            this.role = ModelRole.SHADOW;
            this.canaryPercent = 0;
            return this;
        }

        /** Deploys the model as a canary serving {@code percent} of the keys (above 0, at most 100). */
        public Builder canary(double percent) {
            this.role = ModelRole.CANARY;
            this.canaryPercent = percent;
            return this;
        }

        /** Promotes or retires the shadow or canary by {@code rule}; see {@link PromotionRule}. */
        public Builder promotion(PromotionRule rule) {
            this.promotion = rule;
            return this;
        }

        /**
         * Deploys an ensemble beside the primary (see {@link Ensemble}): sets the role and, since an ensemble has no
         * content of its own, an empty payload. Build it with model type {@link Ensemble#MODEL_TYPE}.
         */
        public Builder ensemble(Ensemble members) {
            this.role = ModelRole.ENSEMBLE;
            this.canaryPercent = 0;
            this.ensemble = members;
            this.payload = ModelPayload.bytes(new byte[0]);
            return this;
        }

        public Builder bytes(byte[] data) {
            this.payload = ModelPayload.bytes(data);
            return this;
        }

        public Builder location(String path) {
            this.payload = ModelPayload.location(path);
            return this;
        }

        public ModelDescriptor build() {
            if (payload == null) {
                throw new IllegalArgumentException("ModelDescriptor " + name + " needs bytes or a location");
            }
            return new ModelDescriptor(name, description, dataType, modelType, version, createdAt, sha256, payload,
                    role, canaryPercent, promotion, role == ModelRole.ENSEMBLE ? ensemble : null);
        }
    }
}
