package io.modelserving.kafka;

import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializers and deserializers over a {@link RecordCodec}.
 *
 * <p>Prefer {@link #decodedDeserializer}, which never throws: a bad record becomes a {@link Decoded.Failure}
 * the stream can dead-letter. {@link #deserializer} throws {@link UndecodableRecordException}, which a plain
 * consumer turns into a poison pill, so keep it for topics whose content you trust (e.g. the scored topic).
 *
 * <pre>{@code
 * Serde<ScoredRecord<Features, Prediction>> serde =
 *         CodecSerdes.serde(Codecs.scoredRecords(Codecs.features(), Codecs.predictions()));
 * KafkaConsumer<byte[], Decoded<Features>> consumer = new KafkaConsumer<>(props,
 *         new ByteArrayDeserializer(), CodecSerdes.decodedDeserializer(Codecs.features()));
 * }</pre>
 */
public final class CodecSerdes {

    private CodecSerdes() {
    }

    /** Encodes with the codec; null stays null (a tombstone). */
    public static <T> Serializer<T> serializer(RecordCodec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        return (topic, value) -> value == null ? null : codec.encode(value);
    }

    /** Decodes with the codec; null stays null; bad bytes throw {@link UndecodableRecordException}. */
    public static <T> Deserializer<T> deserializer(RecordCodec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            Decoded<T> decoded = codec.decode(bytes);
            if (!decoded.isValue()) {
                throw new UndecodableRecordException("Undecodable record on topic " + topic + ": " + decoded.reason());
            }
            return decoded.get();
        };
    }

    /** Decodes with the codec into a value or a failure; never throws. */
    public static <T> Deserializer<Decoded<T>> decodedDeserializer(RecordCodec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        return (topic, bytes) -> codec.decode(bytes);
    }

    /** A serde of {@link #serializer} and {@link #deserializer}. */
    public static <T> Serde<T> serde(RecordCodec<T> codec) {
        return Serdes.serdeFrom(serializer(codec), deserializer(codec));
    }
}
