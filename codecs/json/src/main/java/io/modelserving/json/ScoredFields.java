package io.modelserving.json;

import io.modelserving.EnsembleResult;
import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.codec.FeatureFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a scored record as {@link JsonScoredRecordCodec} writes them; absent values are null, except
 * {@code role}, {@code shadow} and {@code ensemble}, which are left out for a primary model without a shadow or an
 * ensemble, so such records read as they did before models had roles.
 */
final class ScoredFields {

    static final String SCORED = "scored";
    static final String FAILED = "failed";
    static final String NO_MODEL = "no-model";

    private ScoredFields() {
    }

    static Map<String, Object> of(ScoredRecord<Features, Prediction> scored) {
        ScoringResult<Prediction> result = scored.result();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dataType", result.dataType());
        fields.put("outcome", outcome(result));
        putModel(fields, result.modelInfo());
        result.modelInfo().map(ModelInfo::role).filter(role -> role != ModelRole.PRIMARY)
                .ifPresent(role -> fields.put("role", role.label()));
        putPrediction(fields, result);
        fields.put("error", error(result));
        fields.put("input", input(scored.input()));
        ScoredRecord.Origin origin = scored.origin();
        Long sourceTimestamp = origin == null || origin.timestampMillis() < 0 ? null : origin.timestampMillis();
        fields.put("sourceTopic", origin == null ? null : origin.topic());
        fields.put("sourcePartition", origin == null ? null : origin.partition());
        fields.put("sourceOffset", origin == null ? null : origin.offset());
        fields.put("sourceTimestamp", sourceTimestamp);
        fields.put("scoredAt", scored.scoredAtMillis());
        fields.put("latencyMs", sourceTimestamp == null ? null : scored.scoredAtMillis() - sourceTimestamp);
        fields.put("durationNanos", duration(result));
        if (scored.shadow() != null) {
            fields.put("shadow", shadow(scored.shadow()));
        }
        if (scored.ensemble() != null) {
            fields.put("ensemble", ensemble(scored.ensemble()));
        }
        return Collections.unmodifiableMap(fields);
    }

    /** {@code scored}, {@code failed}, {@code timed-out} or {@code skipped}. */
    static String statusLabel(ShadowResult.Status status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code scored}, {@code failed}, {@code unanswered} or {@code skipped}. */
    static String statusLabel(EnsembleResult.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** A shadow's result in the same fields as the record's own, then how it compared; the role goes unsaid. */
    private static Map<String, Object> shadow(ShadowResult<Prediction> shadow) {
        ScoringResult<Prediction> result = shadow.result();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outcome", outcome(result));
        fields.put("status", statusLabel(shadow.status()));
        putModel(fields, Optional.of(shadow.model()));
        putPrediction(fields, result);
        fields.put("error", error(result));
        fields.put("durationNanos", duration(result));
        fields.put("compared", shadow.compared());
        fields.put("agrees", shadow.agrees());
        fields.put("difference", Double.isFinite(shadow.difference()) ? shadow.difference() : null);
        return Collections.unmodifiableMap(fields);
    }

    /** The decider, then each member: its model as the record's is written, with its role, and its part. */
    private static Map<String, Object> ensemble(EnsembleResult ensemble) {
        List<Map<String, Object>> members = new ArrayList<>(ensemble.members().size());
        for (EnsembleResult.Member member : ensemble.members()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            putModel(fields, Optional.of(member.model()));
            fields.put("role", member.model().role().label());
            fields.put("status", statusLabel(member.status()));
            fields.put("latencyNanos", member.latencyNanos());
            fields.put("chosen", member.chosen());
            fields.put("reason", member.reason().isEmpty() ? null : member.reason());
            members.add(Collections.unmodifiableMap(fields));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("decider", ensemble.decider());
        fields.put("members", Collections.unmodifiableList(members));
        return Collections.unmodifiableMap(fields);
    }

    private static void putModel(Map<String, Object> fields, Optional<ModelInfo> model) {
        fields.put("model", model.map(ModelInfo::label).orElse(null));
        fields.put("modelType", model.map(ModelInfo::modelType).orElse(null));
        fields.put("modelVersion", model.map(ModelInfo::version).filter(v -> !v.isEmpty()).orElse(null));
    }

    private static void putPrediction(Map<String, Object> fields, ScoringResult<Prediction> result) {
        Prediction prediction = result instanceof ScoringResult.Scored<Prediction> s ? s.value() : null;
        fields.put("score", prediction == null ? null : prediction.value());
        fields.put("label", prediction == null || prediction.label().isEmpty() ? null : prediction.label());
        fields.put("probabilities",
                prediction == null || prediction.probabilities().isEmpty() ? null : prediction.probabilities());
    }

    private static String outcome(ScoringResult<Prediction> result) {
        if (result instanceof ScoringResult.Scored) {
            return SCORED;
        }
        return result instanceof ScoringResult.Failed ? FAILED : NO_MODEL;
    }

    private static String error(ScoringResult<Prediction> result) {
        if (result instanceof ScoringResult.Failed<Prediction> failed) {
            return failed.reason();
        }
        return result instanceof ScoringResult.NoModel<Prediction> noModel ? noModel.reason() : null;
    }

    private static Long duration(ScoringResult<Prediction> result) {
        if (result instanceof ScoringResult.Scored<Prediction> scored) {
            return scored.durationNanos();
        }
        return result instanceof ScoringResult.Failed<Prediction> failed ? failed.durationNanos() : null;
    }

    /**
     * Positional features as an array of values; named ones as an object, as {@link FeatureFields} writes every
     * feature. A value that is NaN or infinite, which no codec decodes but code may build, is written as null:
     * as a string it would read back as a category.
     */
    private static Object input(Features input) {
        if (input == null) {
            return null;
        }
        if (!input.hasNames() && !input.hasCategorical()) {
            List<Double> values = new ArrayList<>(input.size());
            for (double value : input.values()) {
                values.add(Double.isFinite(value) ? value : null);
            }
            return values;
        }
        Map<String, Object> features = FeatureFields.builder().dataType(input.dataType()).build().write(input);
        features.replaceAll((name, value) -> value instanceof Double d && !Double.isFinite(d) ? null : value);
        return features;
    }
}
