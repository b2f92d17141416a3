package io.modelserving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ModelSignature;
import io.modelserving.ServingStats;
import io.modelserving.kafka.Readiness;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON shapes of the HTTP endpoints, in one place for both adapters and for clients. Durations are seconds
 * (JSON numbers), times ISO-8601 text, and a value that is absent is {@code null}, never {@code ""}.
 *
 * <ul>
 *   <li>a model, in {@code /models}, {@code /models/{dataType}} and {@code /state}: {@code {"name":"m1",
 *       "version":"1"|null,"modelType":"onnx","dataType":"wine","description":"..."|null,
 *       "since":"2026-01-01T00:00:00Z","role":"primary"|"shadow"|"canary"|"ensemble"}} (a model without
 *       {@code role}, as an older instance writes it, is primary)</li>
 *   <li>{@code GET /models}: {@code {"instance":"h:9000","models":{"wine":{...a model}},
 *       "candidates":{"wine":[{...a model,"canaryPercent":10.0|null}]}}}: {@code models} holds each data type's
 *       primary model, {@code candidates} its shadow, canary and ensemble members, for the data types that have
 *       any; {@code canaryPercent} is null but for a canary, and for a canary whose stats do not say</li>
 *   <li>{@code GET /models/{dataType}}: {@code {"instance":"h:9000","dataType":"wine","model":{...},
 *       "signature":{"inputs":[{"name":"x","type":"float","shape":[-1,11]}],"outputs":[...]}|null}}</li>
 *   <li>{@code GET /state/{dataType}}: the {@link ApplicationStats}: the stats fields of the total at top
 *       level ({@code dataType, model} (or null){@code , invocations, failures, noModel, totalSeconds, minSeconds,
 *       maxSeconds, meanSeconds, updatesAccepted, updatesRejected, lastRejection} (or null)), then
 *       {@code "scope":"application"}, {@code "instances":[{"instance":"h:9000", ...the same fields}]} and
 *       {@code "unreachable":["http://h:9001: reason", ...]}. With {@code ?scope=instance}: one instance's stats
 *       fields plus {@code "scope":"instance"} and {@code "instance"}, as {@link #parseInstanceStats} reads.
 *       The stats fields end with {@code "candidates":[{"model":{...},"role":"shadow"|"canary"|"ensemble",
 *       "canaryPercent":10.0|null,"invocations":n,"failures":n,"totalSeconds":x,"meanSeconds":x,
 *       "comparison":{"records":n,"compared":n,"agreed":n,"agreementRate":x|null,"meanAbsoluteDifference":x|null,
 *       "failures":n,"timedOut":n,"skipped":n,"p99Seconds":x}|null}]}: the shadow, the canary and each ensemble
 *       member, if any (only a shadow has a comparison, only a canary a percent; a rate not known yet is null).
 *       An older instance's answer without them reads as having none.</li>
 *   <li>{@code GET /health}, {@code /health/ready}, {@code /health/live}:
 *       {@code {"status":"UP"|"DOWN","detail":"..."|null,"instance":"h:9000"}}</li>
 *   <li>{@code GET /instances}: {@code {"instance":"h:9000","instances":[{"instance":"h:9000","uri":null,
 *       "status":"UP"|"DOWN"|"UNREACHABLE","detail":"..."|null}, {"instance":"h:9001","uri":"http://h:9001",...}]}}
 *       (this instance first)</li>
 *   <li>{@code GET /activity}: {@code {"instance":"h:9000","now":"...","bucketSeconds":10,"windowSeconds":600,
 *       "series":[{"start":"...","scored":n,"failed":n,"noModel":n,"deadLetters":{"no-model":n},
 *       "p50Seconds":x|null,"p99Seconds":x|null}],"updates":[{"time":"...","dataType":"wine","model":"m1:1",
 *       "modelType":"onnx","accepted":true,"reason":null}]}} (both lists oldest first)</li>
 *   <li>errors: {@code {"error":"..."}}</li>
 * </ul>
 *
 * <pre>{@code
 * InstanceStats peer = ServingJson.parseInstanceStats(body);
 * double meanSeconds = peer.stats().mean().toNanos() / 1e9;
 * }</pre>
 */
public final class ServingJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ServingJson() {
    }

    /** {@code GET /models}: each data type's current model on this instance, without candidates. */
    public static String models(String instance, Map<String, ModelInfo> models) {
        return models(instance, models, Map.of(), dataType -> Optional.empty());
    }

    /**
     * {@code GET /models}: each data type's primary model on this instance, and its shadow, canary and ensemble
     * member models.
     *
     * @param candidates the shadow, canary and ensemble member models of each data type, as
     *                   {@code ServingView.candidates()}
     * @param stats      a data type's stats, where a canary's percent is read
     */
    public static String models(String instance, Map<String, ModelInfo> models,
                                Map<String, List<ModelInfo>> candidates,
                                Function<String, Optional<ServingStats>> stats) {
        ObjectNode root = MAPPER.createObjectNode().put("instance", instance);
        ObjectNode byType = root.putObject("models");
        models.forEach((dataType, info) -> byType.set(dataType, model(info)));
        ObjectNode candidatesByType = root.putObject("candidates");
        candidates.forEach((dataType, list) -> {
            if (!list.isEmpty()) {
                candidatesByType.set(dataType, CandidateJson.models(list, stats.apply(dataType)));
            }
        });
        return write(root);
    }

    /** {@code GET /state/{dataType}?scope=instance}: one instance's stats, as a peer asks for them. */
    public static String instanceStats(InstanceStats stats) {
        ObjectNode node = stats(stats.stats());
        node.put("scope", "instance").put("instance", stats.instance());
        return write(node);
    }

    /** {@code GET /state/{dataType}}: the application's stats, with each instance's and the unreachable peers. */
    public static String applicationStats(ApplicationStats stats) {
        ObjectNode root = stats(stats.total());
        root.put("scope", "application");
        ArrayNode instances = root.putArray("instances");
        for (InstanceStats instance : stats.instances()) {
            instances.add(stats(instance.stats()).put("instance", instance.instance()));
        }
        ArrayNode unreachable = root.putArray("unreachable");
        stats.unreachable().forEach(unreachable::add);
        return write(root);
    }

    /** {@code GET /models/{dataType}}: the data type's current model and, where its format says, its signature. */
    public static String model(String instance, ModelInfo model, Optional<ModelSignature> signature) {
        ObjectNode root = MAPPER.createObjectNode().put("instance", instance).put("dataType", model.dataType());
        root.set("model", model(model));
        if (signature.isEmpty()) {
            root.putNull("signature");
        } else {
            ObjectNode node = root.putObject("signature");
            fields(node.putArray("inputs"), signature.get().inputs());
            fields(node.putArray("outputs"), signature.get().outputs());
        }
        return write(root);
    }

    /** The health endpoints: a readiness or a liveness. */
    public static String health(String instance, Readiness readiness) {
        ObjectNode node = MAPPER.createObjectNode().put("status", readiness.ready() ? "UP" : "DOWN");
        return write(putText(node, "detail", readiness.detail()).put("instance", instance));
    }

    /**
     * Reads what {@link #health} wrote, as the status of the instance at {@code uri}.
     *
     * @throws IllegalArgumentException when the text is not such an answer
     */
    public static InstanceStatus parseInstanceStatus(URI uri, String json) {
        JsonNode node = read(json, "health");
        String status = node.path("status").asText();
        if (!status.equals("UP") && !status.equals("DOWN")) {
            throw new IllegalArgumentException("not a health answer: " + abbreviate(json));
        }
        String instance = node.hasNonNull("instance") ? node.get("instance").asText() : uri.getAuthority();
        return new InstanceStatus(instance, uri, InstanceStatus.Status.valueOf(status),
                node.path("detail").asText(""));
    }

    /** {@code GET /instances}: this instance's name and every instance's status, this one first. */
    public static String instances(String instance, List<InstanceStatus> statuses) {
        ObjectNode root = MAPPER.createObjectNode().put("instance", instance);
        ArrayNode list = root.putArray("instances");
        for (InstanceStatus status : statuses) {
            ObjectNode node = list.addObject().put("instance", status.instance())
                    .put("uri", status.uri() == null ? null : status.uri().toString())
                    .put("status", status.status().name());
            putText(node, "detail", status.detail());
        }
        return write(root);
    }

    /** {@code GET /activity}: this instance's recent activity. */
    public static String activity(String instance, ActivitySnapshot activity) {
        ObjectNode root = MAPPER.createObjectNode().put("instance", instance)
                .put("now", activity.now().toString())
                .put("bucketSeconds", activity.bucket().toSeconds())
                .put("windowSeconds", activity.window().toSeconds());
        ArrayNode series = root.putArray("series");
        for (ActivitySnapshot.Bucket bucket : activity.series()) {
            ObjectNode node = series.addObject().put("start", bucket.start().toString())
                    .put("scored", bucket.scored()).put("failed", bucket.failed()).put("noModel", bucket.noModel());
            ObjectNode deadLetters = node.putObject("deadLetters");
            bucket.deadLetters().forEach(deadLetters::put);
            node.put("p50Seconds", bucket.p50().map(ServingJson::seconds).orElse(null))
                    .put("p99Seconds", bucket.p99().map(ServingJson::seconds).orElse(null));
        }
        ArrayNode updates = root.putArray("updates");
        for (ActivitySnapshot.Update update : activity.updates()) {
            updates.addObject().put("time", update.time().toString()).put("dataType", update.dataType())
                    .put("model", update.model()).put("modelType", update.modelType())
                    .put("accepted", update.accepted()).put("reason", update.reason().orElse(null));
        }
        return write(root);
    }

    /** Any error answer. */
    public static String error(String message) {
        return write(MAPPER.createObjectNode().put("error", message));
    }

    /**
     * Reads what {@link #instanceStats} wrote.
     *
     * @throws IllegalArgumentException when the text is not such an answer
     */
    public static InstanceStats parseInstanceStats(String json) {
        JsonNode node = read(json, "instance stats");
        if (!node.hasNonNull("dataType") || !node.hasNonNull("instance")) {
            throw new IllegalArgumentException("not an instance stats answer: " + abbreviate(json));
        }
        try {
            JsonNode m = node.get("model");
            ModelInfo model = m == null || m.isNull() ? null : parseModel(m);
            ServingStats stats = new ServingStats(node.get("dataType").asText(), model,
                    node.path("invocations").asLong(), node.path("failures").asLong(), node.path("noModel").asLong(),
                    nanos(node.path("totalSeconds")), nanos(node.path("minSeconds")), nanos(node.path("maxSeconds")),
                    node.path("updatesAccepted").asLong(), node.path("updatesRejected").asLong(),
                    node.path("lastRejection").asText(""), CandidateJson.parse(node.path("candidates")));
            return new InstanceStats(node.get("instance").asText(), stats);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an instance stats answer: " + abbreviate(json), e);
        }
    }

    private static ObjectNode stats(ServingStats s) {
        ObjectNode node = MAPPER.createObjectNode().put("dataType", s.dataType());
        if (s.model() == null) {
            node.putNull("model");
        } else {
            node.set("model", model(s.model()));
        }
        return node.put("invocations", s.invocations())
                .put("failures", s.failures())
                .put("noModel", s.noModel())
                .put("totalSeconds", seconds(s.totalNanos()))
                .put("minSeconds", seconds(s.minNanos()))
                .put("maxSeconds", seconds(s.maxNanos()))
                .put("meanSeconds", seconds(s.mean()))
                .put("updatesAccepted", s.updatesAccepted())
                .put("updatesRejected", s.updatesRejected())
                .put("lastRejection", emptyToNull(s.lastRejection()))
                .set("candidates", CandidateJson.stats(s.candidates()));
    }

    static ObjectNode model(ModelInfo info) {
        return MAPPER.createObjectNode()
                .put("name", info.name())
                .put("version", emptyToNull(info.version()))
                .put("modelType", info.modelType())
                .put("dataType", info.dataType())
                .put("description", emptyToNull(info.description()))
                .put("since", info.since().toString())
                .put("role", info.role().label());
    }

    /** Reads what {@link #model} wrote; without {@code role} (an older instance's answer) the model is primary. */
    static ModelInfo parseModel(JsonNode m) {
        ModelRole role = m.hasNonNull("role") ? ModelRole.of(m.get("role").asText()) : ModelRole.PRIMARY;
        return new ModelInfo(m.path("name").asText(), m.path("version").asText(""), m.path("modelType").asText(),
                m.path("dataType").asText(), m.path("description").asText(""), Instant.parse(m.path("since").asText()),
                role);
    }

    private static void fields(ArrayNode array, List<ModelSignature.Field> fields) {
        for (ModelSignature.Field field : fields) {
            ArrayNode shape = array.addObject().put("name", field.name()).put("type", field.type())
                    .putArray("shape");
            field.shape().forEach(shape::add);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double seconds(Duration duration) {
        return seconds(duration.toNanos());
    }

    /** The nanoseconds a {@link #seconds} number stands for; 0 for null or missing. */
    static long nanos(JsonNode seconds) {
        return seconds.isNumber() ? Math.round(seconds.asDouble() * 1e9) : 0;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static ObjectNode putText(ObjectNode node, String field, String text) {
        return node.put(field, emptyToNull(text));
    }

    private static JsonNode read(String json, String what) {
        try {
            JsonNode node = json == null ? null : MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a " + what + " answer: " + abbreviate(json));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + what + " answer: " + abbreviate(json), e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
