package io.modelserving.avro.internal;

import io.modelserving.avro.WireFormat;
import io.modelserving.codec.Decoded;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;

/**
 * Reads Avro records of one reader schema from payloads in one {@link WireFormat}, resolving each against the
 * writer schema its Confluent schema id names. Every failure is a value whose reason says what is wrong and where.
 * Thread-safe: the readers are built once, here, and shared.
 */
public final class RecordReader {

    private static final int MAX_REASON_LENGTH = 300;

    /**
     * Avro's fast reader is built lazily on a reader's first use and then published without synchronization; the
     * resolving-decoder path keeps its per-thread state in a ThreadLocal, so one datum reader serves all threads.
     */
    private static final GenericData SHAREABLE = shareable();

    private final WireFormat wireFormat;
    private final Resolution plain;
    private final Map<Integer, Resolution> byId;
    private final String knownIds;

    /**
     * @param readerSchema  the record schema every payload is read as
     * @param writerSchemas the writer schemas by Confluent schema id; when empty, a framed payload is read with the
     *                      reader schema whatever its id
     * @param wireFormat    the framing to expect
     */
    public RecordReader(Schema readerSchema, Map<Integer, Schema> writerSchemas, WireFormat wireFormat) {
        this.wireFormat = wireFormat;
        this.plain = new Resolution(new GenericDatumReader<>(readerSchema, readerSchema, SHAREABLE), false);
        Map<Integer, Resolution> readers = new HashMap<>();
        writerSchemas.forEach((id, writer) -> readers.put(id, writer.equals(readerSchema) ? plain
                : new Resolution(new GenericDatumReader<>(writer, readerSchema, SHAREABLE), true)));
        this.byId = Map.copyOf(readers);
        this.knownIds = new TreeSet<>(byId.keySet()).toString();
    }

    /** The record in the payload, or why there is none. */
    public Decoded<GenericRecord> read(byte[] payload) {
        if (payload == null) {
            return Decoded.failure("no bytes (null value)");
        }
        if (payload.length == 0) {
            return Decoded.failure("no bytes (empty value)");
        }
        return switch (wireFormat) {
            case PLAIN -> decode(payload, 0, plain, null);
            case CONFLUENT -> ConfluentHeader.startsWithMagicByte(payload) ? framed(payload)
                    : Decoded.failure(String.format("no Confluent header: the first byte is 0x%02x, not the magic"
                            + " byte 0", payload[0] & 0xff));
            case DETECT -> ConfluentHeader.startsWithMagicByte(payload) && ConfluentHeader.isComplete(payload)
                    && byId.containsKey(ConfluentHeader.schemaId(payload))
                    ? framed(payload) : decode(payload, 0, plain, null);
        };
    }

    private Decoded<GenericRecord> framed(byte[] payload) {
        if (!ConfluentHeader.isComplete(payload)) {
            return Decoded.failure("truncated Confluent header: " + payload.length
                    + " bytes, too few for the magic byte and a 4-byte schema id");
        }
        int id = ConfluentHeader.schemaId(payload);
        Resolution resolution = byId.isEmpty() ? plain : byId.get(id);
        if (resolution == null) {
            return Decoded.failure("unknown schema id " + id + "; known ids: " + knownIds);
        }
        return decode(payload, ConfluentHeader.LENGTH, resolution, id);
    }

    private static Decoded<GenericRecord> decode(byte[] payload, int offset, Resolution resolution, Integer id) {
        String invalid = id == null ? "invalid Avro payload: " : "invalid Avro payload (schema id " + id + "): ";
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(payload, offset);
        GenericRecord record;
        try {
            record = resolution.reader.read(null, decoder);
        } catch (MalformedAvroException e) {
            return Decoded.failure(invalid + e.getMessage());
        } catch (AvroTypeException e) {
            return Decoded.failure(resolution.resolves
                    ? "writer schema " + id + " does not resolve to the reader schema: " + shorten(e.getMessage())
                    : invalid + shorten(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return Decoded.failure(invalid + e.getClass().getSimpleName() + ": " + shorten(e.getMessage()));
        } catch (StackOverflowError e) {
            // a recursive schema lets every byte open one more nested record: bytes can outgrow the stack
            return Decoded.failure(invalid + "records nested too deeply to read");
        }
        if (decoder.remaining() > 0) {
            return Decoded.failure(invalid + decoder.remaining() + " trailing bytes after the record, from byte "
                    + decoder.position() + (id == null ? " (written with another schema?)" : ""));
        }
        return Decoded.value(record);
    }

    private static String shorten(String message) {
        String oneLine = String.valueOf(message).replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_REASON_LENGTH ? oneLine : oneLine.substring(0, MAX_REASON_LENGTH) + "…";
    }

    private static GenericData shareable() {
        GenericData data = new GenericData();
        data.setFastReaderEnabled(false);
        return data;
    }

    /** A datum reader, and whether it resolves a writer schema other than the reader schema. */
    private record Resolution(DatumReader<GenericRecord> reader, boolean resolves) {
    }
}
