package io.modelserving.avro.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class BoundedBinaryDecoderTest {

    /** What Avro's own encoder writes. */
    @FunctionalInterface
    private interface Writes {
        void to(BinaryEncoder encoder) throws IOException;
    }

    private static byte[] avro(Writes writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writes.to(encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static BoundedBinaryDecoder decoder(byte... bytes) {
        return new BoundedBinaryDecoder(bytes, 0);
    }

    @Test
    void readsWhatAvroWrites() throws IOException {
        int[] ints = {0, 1, -1, 63, -64, 64, Integer.MAX_VALUE, Integer.MIN_VALUE};
        long[] longs = {0, -1, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};
        byte[] bytes = avro(encoder -> {
            for (int i : ints) {
                encoder.writeInt(i);
            }
            for (long l : longs) {
                encoder.writeLong(l);
            }
            encoder.writeFloat(1.6f);
            encoder.writeDouble(-19_999.5);
            encoder.writeBoolean(true);
            encoder.writeString("zwölf");
            encoder.writeBytes(new byte[] {9, 8, 7});
            encoder.writeFixed(new byte[] {1, 2});
            encoder.writeEnum(2);
            encoder.writeIndex(1);
        });
        BoundedBinaryDecoder decoder = decoder(bytes);
        for (int i : ints) {
            assertThat(decoder.readInt()).isEqualTo(i);
        }
        for (long l : longs) {
            assertThat(decoder.readLong()).isEqualTo(l);
        }
        assertThat(decoder.readFloat()).isEqualTo(1.6f);
        assertThat(decoder.readDouble()).isEqualTo(-19_999.5);
        assertThat(decoder.readBoolean()).isTrue();
        assertThat(decoder.readString(null).toString()).isEqualTo("zwölf");
        assertThat(decoder.readBytes(null)).isEqualTo(ByteBuffer.wrap(new byte[] {9, 8, 7}));
        byte[] fixed = new byte[2];
        decoder.readFixed(fixed, 0, 2);
        assertThat(fixed).containsExactly(1, 2);
        assertThat(decoder.readEnum()).isEqualTo(2);
        assertThat(decoder.readIndex()).isEqualTo(1);
        assertThat(decoder.remaining()).isZero();
        assertThat(decoder.position()).isEqualTo(bytes.length);
    }

    @Test
    void readsAndSkipsArrayAndMapBlocks() throws IOException {
        byte[] bytes = avro(encoder -> {
            encoder.writeArrayStart();
            encoder.setItemCount(2);
            encoder.startItem();
            encoder.writeString("a");
            encoder.startItem();
            encoder.writeString("bc");
            encoder.writeArrayEnd();
            encoder.writeMapStart();
            encoder.setItemCount(1);
            encoder.startItem();
            encoder.writeString("k");
            encoder.writeLong(5);
            encoder.writeMapEnd();
            encoder.writeString("end");
        });
        BoundedBinaryDecoder decoder = decoder(bytes);
        assertThat(decoder.readArrayStart()).isEqualTo(2);
        assertThat(decoder.readString()).isEqualTo("a");
        assertThat(decoder.readString()).isEqualTo("bc");
        assertThat(decoder.arrayNext()).isZero();
        assertThat(decoder.readMapStart()).isEqualTo(1);
        decoder.skipString();
        assertThat(decoder.readLong()).isEqualTo(5);
        assertThat(decoder.mapNext()).isZero();
        assertThat(decoder.readString()).isEqualTo("end");

        BoundedBinaryDecoder skipping = decoder(bytes);
        for (long items = skipping.skipArray(); items > 0; items = skipping.skipArray()) {
            for (long i = 0; i < items; i++) {
                skipping.skipString();
            }
        }
        assertThat(skipping.readMapStart()).isEqualTo(1);
    }

    @Test
    void skipsABlockByItsByteSize() throws IOException {
        // a block of -2 items (two items, then a byte size) of 5 bytes: "a" and "bc"; then the end; then 7
        byte[] sized = {0x03, 0x0a, 0x02, 'a', 0x04, 'b', 'c', 0x00, 0x0e};
        BoundedBinaryDecoder skipping = decoder(sized);
        assertThat(skipping.skipArray()).isZero();
        assertThat(skipping.readInt()).isEqualTo(7);

        BoundedBinaryDecoder reading = decoder(sized);
        assertThat(reading.readArrayStart()).isEqualTo(2);
        assertThat(reading.readString()).isEqualTo("a");
    }

    @Test
    void startsAtTheOffsetAndCountsPositionsFromTheStartOfTheArray() throws IOException {
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(new byte[] {9, 9, 0x02}, 2);
        assertThat(decoder.readInt()).isEqualTo(1);
        assertThatThrownBy(decoder::readInt).hasMessage("truncated: the payload ends inside an int at byte 3");
        assertThatThrownBy(() -> new BoundedBinaryDecoder(new byte[2], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("offset 3 is outside the 2 bytes");
    }

    @Test
    void refusesTruncatedValues() {
        assertThatThrownBy(() -> decoder((byte) 0x80).readLong()).isInstanceOf(MalformedAvroException.class)
                .hasMessage("truncated: the payload ends inside a long at byte 0");
        assertThatThrownBy(() -> decoder(new byte[7]).readDouble())
                .hasMessage("truncated: the payload ends inside a double at byte 0");
        assertThatThrownBy(() -> decoder(new byte[3]).readFloat())
                .hasMessage("truncated: the payload ends inside a float at byte 0");
        assertThatThrownBy(() -> decoder().readBoolean())
                .hasMessage("truncated: the payload ends inside a boolean at byte 0");
        assertThatThrownBy(() -> decoder(new byte[1]).readFixed(new byte[2], 0, 2))
                .hasMessage("truncated: the payload ends inside a fixed of 2 bytes at byte 0");
    }

    @Test
    void refusesLengthsAndCountsTheBytesLeftCannotHold() {
        // zig-zag: 0x0a is 5, 0x01 is -1
        assertThatThrownBy(() -> decoder((byte) 0x0a, (byte) 'a').readString(null))
                .hasMessage("a string at byte 0 claims 5 bytes but only 1 remain");
        assertThatThrownBy(() -> decoder((byte) 0x0a, (byte) 'a').readString())
                .hasMessage("a string at byte 0 claims 5 bytes but only 1 remain");
        assertThatThrownBy(() -> decoder((byte) 0x0a).skipBytes())
                .hasMessage("a bytes value at byte 0 claims 5 bytes but only 0 remain");
        assertThatThrownBy(() -> decoder((byte) 0x01).readBytes(null))
                .hasMessage("a bytes value at byte 0 has a negative length (-1)");
        assertThatThrownBy(() -> decoder((byte) 0x0a, (byte) 0x02).readArrayStart())
                .hasMessage("an array block at byte 0 claims 5 items but only 1 bytes remain");
        assertThatThrownBy(() -> decoder((byte) 0x0a).skipMap())
                .hasMessage("a map block at byte 0 claims 5 items but only 0 bytes remain");
        // -1 items in a block of 10 bytes
        assertThatThrownBy(() -> decoder((byte) 0x01, (byte) 0x14, (byte) 0).skipArray())
                .hasMessage("an array block size at byte 1 is 10 bytes but 1 remain");
    }

    @Test
    void refusesWhatTheSpecificationDoesNotAllow() {
        assertThatThrownBy(() -> decoder((byte) 2).readBoolean()).hasMessage("a boolean at byte 0 is 2, neither 0 nor 1");
        // 2^32 zig-zag encoded does not fit an int
        assertThatThrownBy(() -> decoder((byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x20).readInt())
                .hasMessage("an int at byte 0 is 4294967296, beyond 32 bits");
        byte[] eleven = {-1, -1, -1, -1, -1, -1, -1, -1, -1, (byte) 0x81, 0};
        assertThatThrownBy(() -> decoder(eleven).readLong()).hasMessage("a long at byte 0 takes more than 10 bytes");
        byte[] wide = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 0x02};
        assertThatThrownBy(() -> decoder(wide).readLong()).hasMessage("a long at byte 0 is beyond 64 bits");
        assertThatThrownBy(() -> decoder((byte) 0x03).readEnum()).hasMessage("an enum index at byte 0 is negative (-2)");
    }

    @Test
    void reusesTheGivenBuffersWhenTheyAreLargeEnough() throws IOException {
        byte[] bytes = avro(encoder -> {
            encoder.writeString("abc");
            encoder.writeBytes(new byte[] {1, 2});
        });
        Utf8 text = new Utf8("a longer text");
        ByteBuffer buffer = ByteBuffer.allocate(8);
        BoundedBinaryDecoder decoder = decoder(bytes);
        assertThat((Object) decoder.readString(text)).isSameAs(text);
        assertThat(new String(text.getBytes(), 0, text.getByteLength(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(decoder.readBytes(buffer)).isSameAs(buffer).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
    }
}
