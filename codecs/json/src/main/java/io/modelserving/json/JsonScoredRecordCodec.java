package io.modelserving.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import java.util.Map;

/**
 * Scored records as JSON objects: the JSON twin of the protobuf envelope, for consumers that read JSON.
 *
 * <pre>{@code
 * RecordCodec<ScoredRecord<Features, Prediction>> codec = new JsonScoredRecordCodec();
 * byte[] json = codec.encode(scored);
 * // {"dataType":"wine","outcome":"scored","model":"wine-linear:2","modelType":"onnx","modelVersion":"2",
 * //  "score":5.7,...,"input":{"alcohol":9.4,...},"sourceTopic":"wine-data",...,"scoredAt":1764600000000,...}
 * ScoredRecord<Features, Prediction> back = codec.decode(json).get();
 * }</pre>
 *
 * <p>Every object has these fields, in this order; a value that does not apply is {@code null}, never left out:
 * <ul>
 *   <li>{@code dataType}; {@code outcome}: {@code "scored"}, {@code "failed"} or {@code "no-model"};</li>
 *   <li>{@code model} (its label, {@code name:version}), {@code modelType}, {@code modelVersion} (null when the
 *       model has none);</li>
 *   <li>{@code score}, {@code label}, {@code probabilities} (class label to probability); a score or probability
 *       that is NaN or infinite is the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"};</li>
 *   <li>{@code error}: why a record failed or had no model;</li>
 *   <li>{@code input}: named features (numeric and categorical) as an object, positional ones as an array; a
 *       NaN or infinite input value is null, and such an input does not decode;</li>
 *   <li>{@code sourceTopic}, {@code sourcePartition}, {@code sourceOffset}, {@code sourceTimestamp} (epoch ms):
 *       where the input was read;</li>
 *   <li>{@code scoredAt} (epoch ms), {@code latencyMs} ({@code scoredAt} minus {@code sourceTimestamp}),
 *       {@code durationNanos} (the time scoring took, for scored and failed records).</li>
 * </ul>
 *
 * <p>Three fields are written only when they say something, so a record served by the primary model without a
 * shadow or an ensemble reads as it did before models had roles:
 * <ul>
 *   <li>{@code role}, after {@code modelVersion}: {@code "canary"} when a canary served the record,
 *       {@code "ensemble"} when an ensemble member did or the ensemble failed it (no field means primary);</li>
 *   <li>{@code shadow}, last, when the data type has a shadow model: an object with the shadow's {@code outcome}
 *       ({@code "scored"} or {@code "failed"}), {@code status} ({@code "scored"}, {@code "failed"},
 *       {@code "timed-out"} or {@code "skipped"}), {@code model}, {@code modelType}, {@code modelVersion},
 *       {@code score}, {@code label}, {@code probabilities}, {@code error} (for a failure, including a shadow
 *       that missed its deadline or was skipped) and {@code durationNanos}, as for the record; then
 *       {@code compared}, {@code agrees} and {@code difference} (the absolute difference of the values; null
 *       when not compared, or when it is NaN or infinite).</li>
 *   <li>{@code ensemble}, last, when the data type's ensemble decided the record: {@code decider} (its name) and
 *       {@code members}, the primary first, each with {@code model}, {@code modelType}, {@code modelVersion} as
 *       for the record, {@code role} ({@code "primary"} or {@code "ensemble"}), {@code status}
 *       ({@code "scored"}, {@code "failed"}, {@code "unanswered"} or {@code "skipped"}), {@code latencyNanos}
 *       (from asking it to its answer; how long it was waited for when unanswered), {@code chosen} (whether its
 *       answer was served) and {@code reason} (why it failed or was not used; null when there is none).</li>
 * </ul>
 *
 * <p>{@link #decode} reads these objects back, ignoring fields it does not know (so a line that adds a
 * {@code key} reads too) and {@code latencyMs}, which it recomputes. JSON does not carry a model's description
 * or the time it became current: a decoded model has an empty description and {@link java.time.Instant#EPOCH}
 * as {@code since}. Decoding parses as {@link JsonFeaturesCodec} does, with the same limits, and fails on a
 * missing or mistyped field, naming it. Instances are immutable and thread-safe.
 */
public final class JsonScoredRecordCodec implements RecordCodec<ScoredRecord<Features, Prediction>> {

    /**
     * The fields {@link #encode} writes, in order, as Java values (strings, numbers, maps and lists) that any
     * JSON writer can write: for printing a scored record next to fields of one's own.
     */
    public static Map<String, Object> fields(ScoredRecord<Features, Prediction> scored) {
        return ScoredFields.of(scored);
    }

    @Override
    public byte[] encode(ScoredRecord<Features, Prediction> scored) {
        return JsonObjects.write(fields(scored));
    }

    @Override
    public Decoded<ScoredRecord<Features, Prediction>> decode(byte[] bytes) {
        Decoded<ObjectNode> envelope = JsonObjects.parseObject(bytes);
        return envelope.isValue() ? ScoredEnvelope.read(envelope.get()) : Decoded.failure(envelope.reason());
    }
}
