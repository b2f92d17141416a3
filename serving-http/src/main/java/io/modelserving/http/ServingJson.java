package io.modelserving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelserving.ModelInfo;
import io.modelserving.ServingStats;
import io.modelserving.kafka.Readiness;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON shapes of the HTTP endpoints, in one place for both adapters and for clients.
 *
 * <ul>
 *   <li>{@code GET /models}: {@code {"instance":"h:9000","models":{"wine":{"name":"m1","version":"1",
 *       "modelType":"onnx","dataType":"wine","description":"...","since":"2026-01-01T00:00:00Z"}}}}</li>
 *   <li>{@code GET /state/{dataType}}: the {@link ApplicationStats}: the stats fields of the total at top
 *       level ({@code dataType, model, invocations, failures, noModel, totalNanos, minNanos, maxNanos,
 *       meanNanos, updatesAccepted, updatesRejected, lastRejection}), then {@code "scope":"application"},
 *       {@code "instances":[{"instance":"h:9000", ...the same fields}]} and {@code "unreachable":[...]}.
 *       With {@code ?scope=instance}: one instance's stats fields plus {@code "scope":"instance"} and
 *       {@code "instance"}.</li>
 *   <li>{@code GET /health}: {@code {"status":"UP"|"DOWN","detail":"...","instance":"h:9000"}}</li>
 *   <li>errors: {@code {"error":"..."}}</li>
 * </ul>
 *
 * <pre>{@code
 * InstanceStats peer = ServingJson.parseInstanceStats(body);
 * }</pre>
 */
public final class ServingJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServingJson() {
    }

    public static String models(String instance, Map<String, ModelInfo> models) {
        ObjectNode root = MAPPER.createObjectNode().put("instance", instance);
        ObjectNode byType = root.putObject("models");
        models.forEach((dataType, info) -> byType.set(dataType, model(info)));
        return write(root);
    }

    public static String instanceStats(InstanceStats stats) {
        ObjectNode node = stats(stats.stats());
        node.put("scope", "instance").put("instance", stats.instance());
        return write(node);
    }

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

    public static String health(String instance, Readiness readiness) {
        return write(MAPPER.createObjectNode().put("status", readiness.ready() ? "UP" : "DOWN")
                .put("detail", readiness.detail()).put("instance", instance));
    }

    public static String error(String message) {
        return write(MAPPER.createObjectNode().put("error", message));
    }

    /**
     * Reads what {@link #instanceStats} wrote.
     *
     * @throws IllegalArgumentException when the text is not such an answer
     */
    public static InstanceStats parseInstanceStats(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.hasNonNull("dataType") || !node.hasNonNull("instance")) {
                throw new IllegalArgumentException("not an instance stats answer: " + abbreviate(json));
            }
            JsonNode m = node.get("model");
            ModelInfo model = m == null || m.isNull() ? null : new ModelInfo(m.path("name").asText(),
                    m.path("version").asText(), m.path("modelType").asText(), m.path("dataType").asText(),
                    m.path("description").asText(), Instant.parse(m.path("since").asText()));
            ServingStats stats = new ServingStats(node.get("dataType").asText(), model,
                    node.path("invocations").asLong(), node.path("failures").asLong(), node.path("noModel").asLong(),
                    node.path("totalNanos").asLong(), node.path("minNanos").asLong(), node.path("maxNanos").asLong(),
                    node.path("updatesAccepted").asLong(), node.path("updatesRejected").asLong(),
                    node.path("lastRejection").asText(""));
            return new InstanceStats(node.get("instance").asText(), stats);
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
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
                .put("totalNanos", s.totalNanos())
                .put("minNanos", s.minNanos())
                .put("maxNanos", s.maxNanos())
                .put("meanNanos", s.mean().toNanos())
                .put("updatesAccepted", s.updatesAccepted())
                .put("updatesRejected", s.updatesRejected())
                .put("lastRejection", s.lastRejection());
    }

    private static ObjectNode model(ModelInfo info) {
        return MAPPER.createObjectNode()
                .put("name", info.name())
                .put("version", info.version())
                .put("modelType", info.modelType())
                .put("dataType", info.dataType())
                .put("description", info.description())
                .put("since", info.since().toString());
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
