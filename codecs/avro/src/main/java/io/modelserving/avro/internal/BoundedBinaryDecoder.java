package io.modelserving.avro.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Reads Avro's binary encoding from one byte array and refuses, before allocating anything, a length or an item
 * count that the bytes left cannot hold.
 *
 * <p>Avro's own {@code BinaryDecoder} allocates whatever a length claims, up to about 2 GB, before it finds the
 * bytes missing, so a few garbage bytes can cost an {@code OutOfMemoryError}. Its
 * {@code org.apache.avro.limits.*} system properties lower that ceiling, but for the whole JVM and only when set
 * before Avro's classes load. Here the payload is already in memory, so its size is an exact bound: a string or
 * bytes value may not claim more bytes than remain, and an array or map block may not claim more items than bytes
 * remain (every item takes at least one byte, unless its type is null, a record without fields or a zero-size
 * fixed; longer blocks of those are refused).
 *
 * <p>Stricter than Avro where the specification allows only one reading: a boolean must be 0 or 1, an int must fit
 * in 32 bits, a variable-length number may take at most 10 bytes and 64 bits, and an enum or union index may not be
 * negative. Positions in messages count from the start of the array, header included.
 *
 * <p>Not thread-safe: use one decoder per payload; it is a small object and copies nothing.
 */
public final class BoundedBinaryDecoder extends Decoder {

    private final byte[] bytes;
    private int position;

    /** Reads {@code bytes} from {@code offset} to the end. */
    public BoundedBinaryDecoder(byte[] bytes, int offset) {
        if (offset < 0 || offset > bytes.length) {
            throw new IllegalArgumentException("offset " + offset + " is outside the " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = offset;
    }

    /** The index of the next byte to read. */
    public int position() {
        return position;
    }

    /** How many bytes are left after the last value read. */
    public int remaining() {
        return bytes.length - position;
    }

    @Override
    public void readNull() {
        // null takes no bytes
    }

    @Override
    public boolean readBoolean() throws IOException {
        int start = position;
        int value = nextByte("a boolean", start);
        if (value > 1) {
            throw new MalformedAvroException("a boolean at byte " + start + " is " + value + ", neither 0 nor 1");
        }
        return value == 1;
    }

    @Override
    public int readInt() throws IOException {
        return readInt("an int");
    }

    @Override
    public long readLong() throws IOException {
        return varLong("a long");
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat((int) littleEndian(4, "a float"));
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(littleEndian(8, "a double"));
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length("a string");
        Utf8 text = old != null ? old : new Utf8();
        text.setByteLength(length);
        System.arraycopy(bytes, position, text.getBytes(), 0, length);
        position += length;
        return text;
    }

    @Override
    public String readString() throws IOException {
        int length = length("a string");
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    @Override
    public void skipString() throws IOException {
        skip(length("a string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = length("a bytes value");
        ByteBuffer buffer = old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
        buffer.put(bytes, position, length).flip();
        position += length;
        return buffer;
    }

    @Override
    public void skipBytes() throws IOException {
        skip(length("a bytes value"));
    }

    @Override
    public void readFixed(byte[] target, int start, int length) throws IOException {
        require(length, "a fixed of " + length + " bytes", position);
        System.arraycopy(bytes, position, target, start, length);
        position += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "a fixed of " + length + " bytes", position);
        position += length;
    }

    @Override
    public int readEnum() throws IOException {
        return index("an enum index");
    }

    @Override
    public int readIndex() throws IOException {
        return index("a union branch index");
    }

    @Override
    public long readArrayStart() throws IOException {
        return blockCount("an array block");
    }

    @Override
    public long arrayNext() throws IOException {
        return blockCount("an array block");
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks("an array block");
    }

    @Override
    public long readMapStart() throws IOException {
        return blockCount("a map block");
    }

    @Override
    public long mapNext() throws IOException {
        return blockCount("a map block");
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks("a map block");
    }

    /**
     * Moves past bytes already checked to be there. A separate step because {@code position += length(...)} would
     * add the length to the position from before the length itself was read.
     */
    private void skip(int length) {
        position += length;
    }

    private int readInt(String what) throws IOException {
        int start = position;
        long value = varLong(what);
        if (value != (int) value) {
            throw new MalformedAvroException(what + " at byte " + start + " is " + value + ", beyond 32 bits");
        }
        return (int) value;
    }

    private int index(String what) throws IOException {
        int start = position;
        int index = readInt(what);
        if (index < 0) {
            throw new MalformedAvroException(what + " at byte " + start + " is negative (" + index + ")");
        }
        return index;
    }

    /** A string or bytes length, checked against the bytes left after it. */
    private int length(String what) throws IOException {
        int start = position;
        long length = varLong(what + " length");
        if (length < 0) {
            throw new MalformedAvroException(what + " at byte " + start + " has a negative length (" + length + ")");
        }
        if (length > remaining()) {
            throw new MalformedAvroException(what + " at byte " + start + " claims " + length + " bytes but only "
                    + remaining() + " remain");
        }
        return (int) length;
    }

    /**
     * The item count of the next array or map block, 0 at the end. A negative count is followed by the block's byte
     * size, which readers may use to skip it; it is checked here and otherwise not needed.
     */
    private long blockCount(String what) throws IOException {
        int start = position;
        long count = varLong(what + " count");
        if (count < 0) {
            count = negatedCount(count, what, start);
            blockSize(what);
        }
        if (count > remaining()) {
            throw new MalformedAvroException(what + " at byte " + start + " claims " + count + " items but only "
                    + remaining() + " bytes remain");
        }
        return count;
    }

    /** Skips the blocks that give their byte size; returns the item count of the first one that does not, or 0. */
    private long skipBlocks(String what) throws IOException {
        while (true) {
            int start = position;
            long count = varLong(what + " count");
            if (count >= 0) {
                if (count > remaining()) {
                    throw new MalformedAvroException(what + " at byte " + start + " claims " + count
                            + " items but only " + remaining() + " bytes remain");
                }
                return count;
            }
            negatedCount(count, what, start);
            skip(blockSize(what));
        }
    }

    private static long negatedCount(long count, String what, int start) throws MalformedAvroException {
        if (count == Long.MIN_VALUE) {
            throw new MalformedAvroException(what + " at byte " + start + " has an impossible count (" + count + ")");
        }
        return -count;
    }

    private int blockSize(String what) throws IOException {
        int start = position;
        long size = varLong(what + " size");
        if (size < 0 || size > remaining()) {
            throw new MalformedAvroException(what + " size at byte " + start + " is " + size + " bytes but "
                    + remaining() + " remain");
        }
        return (int) size;
    }

    /** A zig-zag variable-length number: 7 bits a byte, least significant first, at most 10 bytes. */
    private long varLong(String what) throws IOException {
        int start = position;
        long encoded = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int next = nextByte(what, start);
            if (shift == 63 && (next & 0x7e) != 0) {
                throw new MalformedAvroException(what + " at byte " + start + " is beyond 64 bits");
            }
            encoded |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return (encoded >>> 1) ^ -(encoded & 1);
            }
        }
        throw new MalformedAvroException(what + " at byte " + start + " takes more than 10 bytes");
    }

    private long littleEndian(int size, String what) throws IOException {
        require(size, what, position);
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[position + i] & 0xff);
        }
        position += size;
        return value;
    }

    private int nextByte(String what, int start) throws MalformedAvroException {
        if (position >= bytes.length) {
            throw endsInside(what, start);
        }
        return bytes[position++] & 0xff;
    }

    private void require(int size, String what, int start) throws MalformedAvroException {
        if (size > remaining()) {
            throw endsInside(what, start);
        }
    }

    private MalformedAvroException endsInside(String what, int start) {
        return new MalformedAvroException("truncated: the payload ends inside " + what + " at byte " + start);
    }
}
