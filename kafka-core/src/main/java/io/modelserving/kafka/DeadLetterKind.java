package io.modelserving.kafka;

import java.util.Optional;

/**
 * Why a record went to the dead-letter topic; written as the {@link DeadLetterHeaders#KIND} header.
 *
 * <pre>{@code
 * if (DeadLetterKind.fromHeader("no-model").orElseThrow() == DeadLetterKind.NO_MODEL) { retryLater(); }
 * }</pre>
 */
public enum DeadLetterKind {
    /** The data record's bytes do not decode (garbage, truncated, NaN feature, no data type). */
    DATA_UNDECODABLE("data-undecodable"),
    /** The current model failed on the record (threw or returned nothing). */
    SCORING_FAILED("scoring-failed"),
    /** No model for the record's data type (at once, or after the wait timed out). */
    NO_MODEL("no-model"),
    /** A message on the model topic does not decode to a model descriptor. */
    MODEL_UNDECODABLE("model-undecodable"),
    /** A model descriptor decoded but the model processor refused it (load, limits or warm-up failed). */
    MODEL_REJECTED("model-rejected"),
    /** The record's output could not be written: encoding it failed, or it is larger than a record may be. */
    OUTPUT_FAILED("output-failed");

    private final String header;

    DeadLetterKind(String header) {
        this.header = header;
    }

    /** The header value, e.g. {@code "no-model"}. */
    public String header() {
        return header;
    }

    /** True for the kinds whose dead letter carries a message of the model topic. */
    public boolean isModel() {
        return this == MODEL_UNDECODABLE || this == MODEL_REJECTED;
    }

    /** The kind a header value names; empty for an unknown value. */
    public static Optional<DeadLetterKind> fromHeader(String value) {
        for (DeadLetterKind kind : values()) {
            if (kind.header.equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
