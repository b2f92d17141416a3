package io.modelserving.codec;

import io.modelserving.internal.Failures;

/**
 * Turns bytes into records and back. {@link #decode} reports bad input as a {@link Decoded.Failure} value,
 * never as an exception.
 *
 * <pre>{@code
 * RecordCodec<Features> codec = RecordCodec.of(MyRecordParser::toFeatures, MyRecordWriter::toBytes);
 * }</pre>
 *
 * @param <T> the record type
 */
public interface RecordCodec<T> {

    Decoded<T> decode(byte[] bytes);

    byte[] encode(T value);

    /**
     * A codec from a parsing function that may throw (its exception becomes the failure reason) and an
     * encoding function.
     */
    static <T> RecordCodec<T> of(Parser<T> parser, java.util.function.Function<T, byte[]> encoder) {
        return new RecordCodec<>() {
            @Override
            public Decoded<T> decode(byte[] bytes) {
                if (bytes == null) {
                    return Decoded.failure("no bytes (null value)");
                }
                try {
                    T value = parser.parse(bytes);
                    return value == null ? Decoded.failure("decoded to nothing") : Decoded.value(value);
                } catch (Exception e) {
                    return Decoded.failure(Failures.reason(e));
                }
            }

            @Override
            public byte[] encode(T value) {
                return encoder.apply(value);
            }
        };
    }

    /** Parses bytes; throws on bad input. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] bytes) throws Exception;
    }
}
