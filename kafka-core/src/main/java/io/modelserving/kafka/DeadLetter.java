package io.modelserving.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What the dead-letter headers of one record say: why it was not scored and where it came from.
 *
 * <pre>{@code
 * DeadLetter letter = DeadLetter.of(DeadLetterKind.DATA_UNDECODABLE, "not a feature record", "data", 0, 42);
 * producer.send(new ProducerRecord<>(topics.deadLetters(), null, key, originalValue, letter.toHeaders()));
 * DeadLetter read = DeadLetter.fromHeaders(consumed.headers()).orElseThrow();
 * }</pre>
 *
 * @param kind            why
 * @param reason          a one-line human-readable reason
 * @param sourceTopic     the topic the record was read from
 * @param sourcePartition its partition
 * @param sourceOffset    its offset
 * @param model           the label of the model involved; empty when none
 * @param dataType        the data type; empty when unknown
 */
public record DeadLetter(DeadLetterKind kind, String reason, String sourceTopic, int sourcePartition,
                         long sourceOffset, String model, String dataType) {

    /** The longest reason kept; a longer one (e.g. quoting a whole bad payload) is cut, ending in "…". */
    public static final int MAX_REASON_CHARS = 1_000;

    public DeadLetter {
        Objects.requireNonNull(kind, "kind");
        reason = reason == null ? "" : reason;
        if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS - 1) + "…";
        }
        sourceTopic = sourceTopic == null ? "" : sourceTopic;
        model = model == null ? "" : model;
        dataType = dataType == null ? "" : dataType;
    }

    /** A dead letter with no model and no data type known. */
    public static DeadLetter of(DeadLetterKind kind, String reason, String topic, int partition, long offset) {
        return new DeadLetter(kind, reason, topic, partition, offset, "", "");
    }

    public DeadLetter withModel(String modelLabel) {
        return new DeadLetter(kind, reason, sourceTopic, sourcePartition, sourceOffset, modelLabel, dataType);
    }

    public DeadLetter withDataType(String type) {
        return new DeadLetter(kind, reason, sourceTopic, sourcePartition, sourceOffset, model, type);
    }

    /** New Kafka headers carrying this dead letter; model and data type only when known. */
    public Headers toHeaders() {
        return addTo(new RecordHeaders());
    }

    /** Adds this dead letter's headers to {@code headers}, replacing any earlier values, and returns it. */
    public Headers addTo(Headers headers) {
        put(headers, DeadLetterHeaders.KIND, kind.header());
        put(headers, DeadLetterHeaders.REASON, reason);
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic);
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(sourceOffset));
        headers.remove(DeadLetterHeaders.MODEL);
        headers.remove(DeadLetterHeaders.DATA_TYPE);
        if (!model.isEmpty()) {
            put(headers, DeadLetterHeaders.MODEL, model);
        }
        if (!dataType.isEmpty()) {
            put(headers, DeadLetterHeaders.DATA_TYPE, dataType);
        }
        return headers;
    }

    /**
     * Reads a dead letter back from record headers.
     *
     * @return empty when the headers carry no known {@link DeadLetterHeaders#KIND}
     */
    public static Optional<DeadLetter> fromHeaders(Headers headers) {
        Optional<DeadLetterKind> kind = DeadLetterKind.fromHeader(text(headers, DeadLetterHeaders.KIND));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetter(kind.get(), text(headers, DeadLetterHeaders.REASON),
                text(headers, DeadLetterHeaders.SOURCE_TOPIC),
                parseInt(text(headers, DeadLetterHeaders.SOURCE_PARTITION)),
                parseLong(text(headers, DeadLetterHeaders.SOURCE_OFFSET)),
                text(headers, DeadLetterHeaders.MODEL), text(headers, DeadLetterHeaders.DATA_TYPE)));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
