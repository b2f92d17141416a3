package io.modelserving.avro.internal;

/**
 * The five bytes the Confluent serializers put before an Avro record: the magic byte 0, then the id of the writer
 * schema in the schema registry as a 4-byte big-endian int.
 */
public final class ConfluentHeader {

    /** The first byte of a framed payload. */
    public static final byte MAGIC_BYTE = 0;

    /** The magic byte and the schema id. */
    public static final int LENGTH = 5;

    private ConfluentHeader() {
    }

    /** Whether the payload starts with the magic byte; it may still be too short for a schema id. */
    public static boolean startsWithMagicByte(byte[] payload) {
        return payload.length > 0 && payload[0] == MAGIC_BYTE;
    }

    /** Whether the payload is long enough to hold a whole header. */
    public static boolean isComplete(byte[] payload) {
        return payload.length >= LENGTH;
    }

    /** The schema id of a payload that {@linkplain #isComplete has a whole header}. */
    public static int schemaId(byte[] payload) {
        return (payload[1] & 0xff) << 24 | (payload[2] & 0xff) << 16 | (payload[3] & 0xff) << 8 | (payload[4] & 0xff);
    }

    /** The header for a schema id. */
    public static byte[] of(int schemaId) {
        return new byte[] {MAGIC_BYTE, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8),
                (byte) schemaId};
    }
}
