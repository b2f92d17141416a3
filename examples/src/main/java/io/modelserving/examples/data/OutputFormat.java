package io.modelserving.examples.data;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.RecordCodec;
import io.modelserving.json.JsonScoredRecordCodec;

/**
 * How scored records are written to the scored topic: {@code serve} writes them so, {@code read-scored} reads them.
 *
 * <pre>{@code
 * RecordCodec<ScoredRecord<Features, Prediction>> scored = OutputFormat.parse("json").codec(dataCodec);
 * }</pre>
 */
public enum OutputFormat {

    /** The wire contract's protobuf envelope, which embeds the input record encoded with the data format. */
    PROTOBUF("protobuf"),
    /** A JSON object per scored record, the input as features by name; no {@code .proto} needed to read it. */
    JSON("json");

    private final String cliName;

    OutputFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line. */
    public String cliName() {
        return cliName;
    }

    /** The scored-record codec; {@code dataCodec} encodes the input inside a protobuf envelope. */
    public RecordCodec<ScoredRecord<Features, Prediction>> codec(RecordCodec<Features> dataCodec) {
        return switch (this) {
            case PROTOBUF -> Codecs.scoredRecords(dataCodec, Codecs.predictions());
            case JSON -> new JsonScoredRecordCodec();
        };
    }

    /**
     * The format named on the command line, in any case.
     *
     * @throws IllegalArgumentException for any other name, listing the choices
     */
    public static OutputFormat parse(String text) {
        for (OutputFormat format : values()) {
            if (format.cliName.equalsIgnoreCase(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown output format '" + text + "': use protobuf or json");
    }
}
