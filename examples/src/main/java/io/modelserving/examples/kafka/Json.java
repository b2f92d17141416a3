package io.modelserving.examples.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.json.JsonScoredRecordCodec;
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

    /**
     * key, then the fields of the JSON scored-record format ({@link JsonScoredRecordCodec#fields}): dataType,
     * outcome, model, modelType, score, label, error, input (named features as an object, positional ones as an
     * array), sourcePartition, sourceOffset, latencyMs and the rest.
     */
    public static Map<String, Object> scored(String key, ScoredRecord<Features, Prediction> scored) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", key);
        json.putAll(JsonScoredRecordCodec.fields(scored));
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
