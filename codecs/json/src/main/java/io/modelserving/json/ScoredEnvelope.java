package io.modelserving.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelserving.EnsembleResult;
import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.FeatureFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the fields {@link ScoredFields} writes back into a scored record; the first malformed field fails it. */
final class ScoredEnvelope {

    private final ObjectNode envelope;

    private ScoredEnvelope(ObjectNode envelope) {
        this.envelope = envelope;
    }

    static Decoded<ScoredRecord<Features, Prediction>> read(ObjectNode envelope) {
        try {
            return Decoded.value(new ScoredEnvelope(envelope).read());
        } catch (Malformed e) {
            return Decoded.failure(e.getMessage());
        }
    }

    private ScoredRecord<Features, Prediction> read() {
        String dataType = text("dataType", true);
        if (dataType.isEmpty()) {
            throw new Malformed("field 'dataType' is empty");
        }
        ModelRole role = role();
        ScoringResult<Prediction> result = result(dataType, role);
        return new ScoredRecord<>(input(dataType), result, requiredWhole("scoredAt"), origin(), shadow(dataType),
                ensemble(dataType));
    }

    /** The result whose model, if any, has {@code role}: from {@code outcome} and the fields it calls for. */
    private ScoringResult<Prediction> result(String dataType, ModelRole role) {
        String outcome = text("outcome", true);
        ModelInfo model = model(dataType, role);
        return switch (outcome) {
            case ScoredFields.SCORED -> {
                if (model == null) {
                    throw new Malformed("a scored record needs a model: field 'model' is missing or null");
                }
                yield new ScoringResult.Scored<>(dataType, prediction(), model, whole("durationNanos", 0));
            }
            case ScoredFields.FAILED ->
                    new ScoringResult.Failed<>(dataType, text("error", true), model, whole("durationNanos", 0));
            case ScoredFields.NO_MODEL -> new ScoringResult.NoModel<>(dataType);
            default -> throw new Malformed("field 'outcome' is \"" + outcome + "\", not one of "
                    + String.join(", ", ScoredFields.SCORED, ScoredFields.FAILED, ScoredFields.NO_MODEL));
        };
    }

    /** The role of the record's model: primary when {@code role} is missing or null. */
    private ModelRole role() {
        String label = text("role", false);
        if (label == null) {
            return ModelRole.PRIMARY;
        }
        try {
            return ModelRole.of(label);
        } catch (IllegalArgumentException e) {
            throw new Malformed("field 'role' is \"" + label + "\", not one of primary, shadow, canary, ensemble");
        }
    }

    private static ShadowResult.Status shadowStatus(String label) {
        for (ShadowResult.Status status : ShadowResult.Status.values()) {
            if (ScoredFields.statusLabel(status).equals(label)) {
                return status;
            }
        }
        throw new Malformed("field 'status' is \"" + label + "\", not one of scored, failed, timed-out, skipped");
    }

    /** The shadow's result, or null without one; its fields are read as the record's own are. */
    private ShadowResult<Prediction> shadow(String dataType) {
        JsonNode node = present("shadow");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new Malformed("field 'shadow' is " + JsonObjects.describe(node) + ", not an object");
        }
        try {
            ScoredEnvelope shadow = new ScoredEnvelope((ObjectNode) node);
            ScoringResult<Prediction> result = shadow.result(dataType, ModelRole.SHADOW);
            if (result instanceof ScoringResult.NoModel) {
                throw new Malformed("field 'outcome' is \"" + ScoredFields.NO_MODEL + "\", not scored or failed");
            }
            ModelInfo model = result.modelInfo()
                    .orElseThrow(() -> new Malformed("a shadow needs a model: field 'model' is missing or null"));
            JsonNode difference = shadow.present("difference");
            double value = difference == null ? Double.NaN : real(difference, "field 'difference'");
            String status = shadow.text("status", false);
            if (status == null) {
                return new ShadowResult<>(model, result, shadow.bool("compared"), shadow.bool("agrees"), value);
            }
            return new ShadowResult<>(model, result, shadow.bool("compared"), shadow.bool("agrees"), value,
                    shadowStatus(status));
        } catch (Malformed e) {
            throw new Malformed("shadow: " + e.getMessage());
        }
    }

    /** How the ensemble decided, or null without one; a malformed member is named by its index. */
    private EnsembleResult ensemble(String dataType) {
        JsonNode node = present("ensemble");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new Malformed("field 'ensemble' is " + JsonObjects.describe(node) + ", not an object");
        }
        try {
            ScoredEnvelope ensemble = new ScoredEnvelope((ObjectNode) node);
            String decider = ensemble.text("decider", true);
            JsonNode given = ensemble.required("members");
            if (!given.isArray()) {
                throw new Malformed("field 'members' is " + JsonObjects.describe(given) + ", not an array");
            }
            List<EnsembleResult.Member> members = new ArrayList<>(given.size());
            for (int i = 0; i < given.size(); i++) {
                JsonNode member = given.get(i);
                if (!member.isObject()) {
                    throw new Malformed("members[" + i + "] is " + JsonObjects.describe(member) + ", not an object");
                }
                try {
                    members.add(new ScoredEnvelope((ObjectNode) member).member(dataType));
                } catch (Malformed e) {
                    throw new Malformed("members[" + i + "]: " + e.getMessage());
                }
            }
            return new EnsembleResult(decider, members);
        } catch (Malformed e) {
            throw new Malformed("ensemble: " + e.getMessage());
        }
    }

    /** One ensemble member: its model, read as the record's is, and what it did with the record. */
    private EnsembleResult.Member member(String dataType) {
        ModelInfo model = model(dataType, role());
        if (model == null) {
            throw new Malformed("a member needs a model: field 'model' is missing or null");
        }
        String reason = text("reason", false);
        return new EnsembleResult.Member(model, memberStatus(text("status", true)), whole("latencyNanos", 0),
                bool("chosen"), reason == null ? "" : reason);
    }

    private static EnsembleResult.Status memberStatus(String label) {
        for (EnsembleResult.Status status : EnsembleResult.Status.values()) {
            if (ScoredFields.statusLabel(status).equals(label)) {
                return status;
            }
        }
        throw new Malformed("field 'status' is \"" + label + "\", not one of scored, failed, unanswered, skipped");
    }

    /**
     * The model, or null without one. Without {@code modelVersion} the version is empty and the name is the whole
     * label, so the label reads back the same.
     */
    private ModelInfo model(String dataType, ModelRole role) {
        String label = text("model", false);
        if (label == null) {
            return null;
        }
        String modelType = text("modelType", true);
        String version = text("modelVersion", false);
        String name = label;
        if (version != null && !version.isEmpty()) {
            if (!label.endsWith(":" + version)) {
                throw new Malformed("field 'model' is \"" + label + "\", which does not end with the modelVersion \":"
                        + version + "\"");
            }
            name = label.substring(0, label.length() - version.length() - 1);
        }
        return new ModelInfo(name, version == null ? "" : version, modelType, dataType, "", Instant.EPOCH, role);
    }

    private Prediction prediction() {
        double score = real(required("score"), "field 'score'");
        String label = text("label", false);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        JsonNode given = present("probabilities");
        if (given != null) {
            if (!given.isObject()) {
                throw new Malformed("field 'probabilities' is " + JsonObjects.describe(given) + ", not an object");
            }
            given.properties().forEach(p -> probabilities.put(p.getKey(),
                    real(p.getValue(), "probability '" + p.getKey() + "'")));
        }
        return new Prediction(score, label, probabilities);
    }

    private Features input(String dataType) {
        JsonNode input = present("input");
        if (input == null) {
            return null;
        }
        if (input.isArray()) {
            double[] values = new double[input.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode value = input.get(i);
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    throw new Malformed("input[" + i + "] is " + JsonObjects.describe(value)
                            + ", not a finite number");
                }
                values[i] = value.doubleValue();
            }
            return Features.positional(dataType, values);
        }
        if (!input.isObject()) {
            throw new Malformed("field 'input' is " + JsonObjects.describe(input) + ", neither an object nor an array");
        }
        Decoded<Features> features = FeatureFields.builder().dataType(dataType).build()
                .read(new NodeFields((ObjectNode) input));
        if (!features.isValue()) {
            throw new Malformed("input: " + features.reason());
        }
        return features.get();
    }

    /** Where the input was read, or null when none of topic, partition and offset is given; else all three are. */
    private ScoredRecord.Origin origin() {
        if (present("sourceTopic") == null && present("sourcePartition") == null && present("sourceOffset") == null) {
            return null;
        }
        String topic = text("sourceTopic", true);
        long partition = requiredWhole("sourcePartition");
        if (partition < 0 || partition > Integer.MAX_VALUE) {
            throw new Malformed("field 'sourcePartition' is " + partition + ", not a partition number");
        }
        return new ScoredRecord.Origin(topic, (int) partition, requiredWhole("sourceOffset"),
                whole("sourceTimestamp", -1));
    }

    private String text(String field, boolean required) {
        JsonNode node = required ? required(field) : present(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Malformed("field '" + field + "' is " + JsonObjects.describe(node) + ", not a string");
        }
        return node.textValue();
    }

    /** A required boolean. */
    private boolean bool(String field) {
        JsonNode node = required(field);
        if (!node.isBoolean()) {
            throw new Malformed("field '" + field + "' is " + JsonObjects.describe(node) + ", not true or false");
        }
        return node.booleanValue();
    }

    private long requiredWhole(String field) {
        required(field);
        return whole(field, 0);
    }

    /** A whole number that fits a long, or {@code absent} when the field is missing or null. */
    private long whole(String field, long absent) {
        JsonNode node = present(field);
        if (node == null) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new Malformed("field '" + field + "' is " + JsonObjects.describe(node) + ", not a whole number");
        }
        return node.longValue();
    }

    /** A number, or the string a JSON writer puts for a double that is NaN or infinite. */
    private static double real(JsonNode node, String what) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                }
            }
        }
        throw new Malformed(what + " is " + JsonObjects.describe(node) + ", not a number");
    }

    private JsonNode required(String field) {
        JsonNode node = present(field);
        if (node == null) {
            throw new Malformed(envelope.has(field) ? "field '" + field + "' is null" : "missing field '" + field + "'");
        }
        return node;
    }

    /** The field's value; null when it is missing or JSON null. */
    private JsonNode present(String field) {
        JsonNode node = envelope.get(field);
        return node == null || node.isNull() ? null : node;
    }

    /** The reason an envelope is malformed, thrown from deep in the reading and caught once, in {@link #read}. */
    private static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
