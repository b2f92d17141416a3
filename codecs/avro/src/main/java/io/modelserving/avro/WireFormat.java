package io.modelserving.avro;

/**
 * How an Avro record is framed in a message: plain, or behind the Confluent header (the magic byte 0 and a 4-byte
 * big-endian schema id, as the Confluent serializers write it).
 *
 * <p>The two cannot always be told apart: a plain record whose first byte is 0 (a first field that is a zero int or
 * long, an empty string, a false boolean, the first enum symbol or union branch) looks like a header. So a codec
 * expects one framing, and guesses only when told to with {@link #DETECT}.
 *
 * <pre>{@code
 * AvroFeaturesCodec mixed = AvroFeaturesCodec.builder(carSchema, fields)
 *         .writerSchema(17, carSchemaV1).wireFormat(WireFormat.DETECT).build();
 * }</pre>
 */
public enum WireFormat {

    /** Plain Avro binary of the reader schema, nothing before it or after it. */
    PLAIN,

    /**
     * Every payload starts with the Confluent header; one without it is a decoding failure. The schema id selects
     * the writer schema.
     */
    CONFLUENT,

    /**
     * A payload is framed when it starts with the magic byte 0 followed by a <em>known</em> schema id, and plain
     * otherwise. A plain record whose first five bytes happen to read as 0 and a known id is taken for a framed one,
     * so use this only for a topic that really carries both, and prefer ids that plain records are unlikely to
     * start with. Needs at least one known schema id.
     */
    DETECT
}
