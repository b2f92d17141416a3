package io.modelserving.examples.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.kafka.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The JSON lines the readers print: one object per scored record or dead letter. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** key, sourcePartition, sourceOffset, dataType, model, modelType, score, input, latencyMs. */
    public static Map<String, Object> scored(String key, ScoredRecord<Features, Prediction> scored) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", key);
        ScoredRecord.Origin origin = scored.origin();
        json.put("sourcePartition", origin == null ? null : origin.partition());
        json.put("sourceOffset", origin == null ? null : origin.offset());
        json.put("dataType", scored.result().dataType());
        json.put("model", scored.result().modelInfo().map(m -> m.label()).orElse(null));
        json.put("modelType", scored.result().modelInfo().map(m -> m.modelType()).orElse(null));
        if (scored.result() instanceof ScoringResult.Scored<Prediction> s) {
            json.put("score", s.value().value());
            if (!s.value().label().isEmpty()) {
                json.put("label", s.value().label());
            }
        } else {
            json.put("score", null);
            json.put("error", scored.result() instanceof ScoringResult.Failed<Prediction> f ? f.reason()
                    : ((ScoringResult.NoModel<Prediction>) scored.result()).reason());
        }
        json.put("input", scored.input() == null ? null : scored.input().values());
        json.put("latencyMs", origin == null || origin.timestampMillis() < 0 ? null
                : scored.scoredAtMillis() - origin.timestampMillis());
        return json;
    }

    /** key, sourceTopic, sourcePartition, sourceOffset, reason, kind, model, dataType. */
    public static Map<String, Object> deadLetter(ConsumerRecord<String, byte[]> record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", record.key());
        DeadLetter letter = DeadLetter.fromHeaders(record.headers()).orElse(null);
        json.put("sourceTopic", letter == null ? null : letter.sourceTopic());
        json.put("sourcePartition", letter == null ? null : letter.sourcePartition());
        json.put("sourceOffset", letter == null ? null : letter.sourceOffset());
        json.put("reason", letter == null ? "no dead-letter headers" : letter.reason());
        json.put("kind", letter == null ? null : letter.kind().header());
        return json;
    }

    /**
     * A dead letter a replay takes: offset, partition and timestamp on the dead-letter topic, key, kind, reason,
     * and where it came from and goes back to ({@code to}).
     */
    public static Map<String, Object> replayed(DeadLetterReplay.Selected selected) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("offset", selected.record().offset());
        json.put("partition", selected.record().partition());
        json.put("timestamp", Instant.ofEpochMilli(selected.record().timestamp()).toString());
        json.put("key", selected.record().key() == null ? null
                : new String(selected.record().key(), StandardCharsets.UTF_8));
        json.put("kind", selected.letter().kind().header());
        json.put("reason", selected.letter().reason());
        json.put("sourcePartition", selected.letter().sourcePartition());
        json.put("sourceOffset", selected.letter().sourceOffset());
        json.put("to", selected.destination());
        return json;
    }

    public static String write(Map<String, Object> json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON for " + json, e);
        }
    }

    public static Map<String, Object> read(String line) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = MAPPER.readValue(line, Map.class);
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + line, e);
        }
    }
}
