package io.modelserving.kafka;

/**
 * The header names of a dead letter. Every value is UTF-8 text; partition and offset are decimal strings.
 * The record's key is the original key and its value the original bytes, unchanged, so a dead letter can be
 * replayed to its source topic once the cause is fixed.
 *
 * <pre>{@code
 * Header kind = record.headers().lastHeader(DeadLetterHeaders.KIND);
 * }</pre>
 *
 * @see DeadLetter
 */
public final class DeadLetterHeaders {

    /** Prefix shared by every header this library writes. */
    public static final String PREFIX = "modelserving.";
    /** Human-readable reason. */
    public static final String REASON = PREFIX + "reason";
    /** One of {@link DeadLetterKind#header()}. */
    public static final String KIND = PREFIX + "kind";
    /** The topic the record was read from. */
    public static final String SOURCE_TOPIC = PREFIX + "source.topic";
    /** The partition it was read from. */
    public static final String SOURCE_PARTITION = PREFIX + "source.partition";
    /** The offset it was read from. */
    public static final String SOURCE_OFFSET = PREFIX + "source.offset";
    /** The label ({@code name} or {@code name:version}) of the model involved, when there is one. */
    public static final String MODEL = PREFIX + "model";
    /** The record's or model's data type, when known. */
    public static final String DATA_TYPE = PREFIX + "data-type";
    /**
     * Present when the original value was too large to write in the dead letter: its size in bytes. The value is
     * then empty, or for a model message its descriptor without the model's content.
     */
    public static final String DROPPED_BYTES = PREFIX + "dropped-bytes";

    private DeadLetterHeaders() {
    }
}
