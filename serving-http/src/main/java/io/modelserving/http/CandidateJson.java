package io.modelserving.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelserving.CandidateStats;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ServingStats;
import io.modelserving.ShadowComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of a data type's shadow, canary and ensemble member models, beside the primary's in
 * {@link ServingJson}: in {@code GET /models} each is a model with its {@code canaryPercent}; in the stats of
 * {@code GET /state} each is {@code {"model":{...},"role":"shadow"|"canary"|"ensemble",
 * "canaryPercent":10.0|null,"invocations":n,"failures":n,
 * "totalSeconds":x,"meanSeconds":x,"p99Seconds":x,"comparison":{...}|null}}, where a shadow's comparison is
 * {@code {"records":n,"compared":n,"agreed":n,"agreementRate":x|null,"meanAbsoluteDifference":x|null,
 * "failures":n,"timedOut":n,"skipped":n,"p99Seconds":x}}. A canary's percent is null for the other roles, and
 * only a shadow has a comparison; a rate or difference that is not a number yet (nothing compared) is null, never
 * {@code "NaN"}. An ensemble has a candidate per member, told apart by the model's name.
 *
 * <pre>{@code
 * ArrayNode candidates = CandidateJson.stats(stats.candidates());
 * List<CandidateStats> back = CandidateJson.parse(candidates);
 * }</pre>
 */
final class CandidateJson {

    private CandidateJson() {
    }

    /** {@code GET /models}: each candidate model, with the canary's percent where {@code stats} has it. */
    static ArrayNode models(List<ModelInfo> candidates, Optional<ServingStats> stats) {
        ArrayNode array = ServingJson.MAPPER.createArrayNode();
        for (ModelInfo candidate : candidates) {
            Double percent = candidate.role() != ModelRole.CANARY ? null : stats
                    .flatMap(s -> s.candidate(ModelRole.CANARY))
                    .filter(c -> c.model().label().equals(candidate.label()))   // not a canary since replaced
                    .map(CandidateStats::canaryPercent).orElse(null);
            array.add(ServingJson.model(candidate).put("canaryPercent", percent));
        }
        return array;
    }

    /** The candidates of a stats snapshot. */
    static ArrayNode stats(List<CandidateStats> candidates) {
        ArrayNode array = ServingJson.MAPPER.createArrayNode();
        for (CandidateStats c : candidates) {
            ObjectNode node = array.addObject();
            node.set("model", ServingJson.model(c.model()));
            node.put("role", c.role().label())
                    .put("canaryPercent", c.role() == ModelRole.CANARY ? c.canaryPercent() : null)
                    .put("invocations", c.invocations())
                    .put("failures", c.failures())
                    .put("totalSeconds", ServingJson.seconds(c.totalNanos()))
                    .put("meanSeconds", ServingJson.seconds(c.mean().toNanos()))
                    .put("p99Seconds", ServingJson.seconds(c.p99Nanos()));
            ShadowComparison s = c.comparison();
            if (s == null) {
                node.putNull("comparison");
            } else {
                node.putObject("comparison").put("records", s.records()).put("compared", s.compared())
                        .put("agreed", s.agreed()).put("agreementRate", number(s.agreementRate()))
                        .put("meanAbsoluteDifference", number(s.meanAbsoluteDifference()))
                        .put("failures", s.failures()).put("timedOut", s.timedOut()).put("skipped", s.skipped())
                        .put("p99Seconds", ServingJson.seconds(s.p99Nanos()));
            }
        }
        return array;
    }

    /**
     * Reads what {@link #stats} wrote; a missing field (an instance that knows no candidates) is an empty list.
     * The rate and the means are computed again from the counts, not read.
     */
    static List<CandidateStats> parse(JsonNode array) {
        List<CandidateStats> candidates = new ArrayList<>();
        for (JsonNode node : array.isArray() ? array : ServingJson.MAPPER.createArrayNode()) {
            JsonNode c = node.path("comparison");
            ShadowComparison comparison = !c.isObject() ? null : new ShadowComparison(c.path("records").asLong(),
                    c.path("compared").asLong(), c.path("agreed").asLong(),
                    c.path("meanAbsoluteDifference").isNumber() ? c.get("meanAbsoluteDifference").asDouble()
                            : Double.NaN,
                    c.path("failures").asLong(), c.path("timedOut").asLong(), c.path("skipped").asLong(),
                    ServingJson.nanos(c.path("p99Seconds")));
            candidates.add(new CandidateStats(ServingJson.parseModel(node.path("model")),
                    node.path("canaryPercent").asDouble(0), node.path("invocations").asLong(),
                    node.path("failures").asLong(), ServingJson.nanos(node.path("totalSeconds")), comparison,
                    ServingJson.nanos(node.path("p99Seconds"))));
        }
        return candidates;
    }

    /** A number, or null for NaN and the infinities, which JSON cannot carry. */
    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
