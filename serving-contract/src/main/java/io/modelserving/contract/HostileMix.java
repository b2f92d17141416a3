package io.modelserving.contract;

import static io.modelserving.contract.ContractSupport.bytes;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.codec.Codecs;
import io.modelserving.kafka.DeadLetterKind;
import io.modelserving.testkit.TestModels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The hostile mix of the contract: good records of a data type with a model, interleaved with malformed data
 * (random bytes, valid records cut short, NaN, ~500 KB of garbage, data types nobody published a model for), all
 * in the {@link RecordFormat} of the run, and malformed model messages. Keys say what each record is:
 * {@code good-<i>}, {@code bad-<kind>-<i>}; {@link #refusal} says what each bad one's dead letter must be.
 */
final class HostileMix {

    static final String TRACE = "traceparent";
    static final int GOOD = 2_000;
    static final int BAD_DATA = 2_000;
    static final int BAD_MODELS = 50;

    private HostileMix() {
    }

    /** The dead letter a bad data record must give: its kind, and what its reason must say (besides being there). */
    record Refusal(DeadLetterKind kind, String reasonSays) {
    }

    /**
     * Good and bad data records in {@code format}, in a fixed, seeded interleaving, each with a {@code traceparent}
     * header.
     */
    static List<ProducerRecord<byte[], byte[]>> data(String topic, String dataType, RecordFormat format) {
        Random random = new Random(42);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        byte[] valid = format.features().encode(Features.positional(dataType, 1.5, 2.5, 3.5, 4.5));
        for (int i = 0; i < GOOD + BAD_DATA; i++) {
            String key;
            byte[] value;
            if (i % 2 == 0) {
                key = "good-" + i;
                value = format.features().encode(Features.positional(dataType, i, i * 0.5));
            } else {
                switch ((i / 2) % 4) {
                    case 0 -> {
                        key = "bad-random-" + i;
                        value = new byte[1 + random.nextInt(64)];
                        random.nextBytes(value);
                        value[0] = (byte) 0xff;   // never a valid first protobuf tag, nor the start of JSON
                    }
                    case 1 -> {
                        key = "bad-truncated-" + i;
                        // Protobuf: cut inside the last packed value, whose length then overruns the bytes.
                        // JSON: the object is never closed.
                        value = Arrays.copyOf(valid, valid.length - 1 - random.nextInt(7));
                    }
                    case 2 -> {
                        key = "bad-nan-" + i;
                        value = format.withNaN(dataType);
                    }
                    default -> {
                        key = "bad-unknown-" + i;
                        value = format.features().encode(Features.positional("unknown-" + i, 1.0, 2.0));
                    }
                }
                if (i == 1 || i == 3_001) {
                    key = "bad-huge-" + i;
                    value = new byte[500_000];
                    random.nextBytes(value);
                    value[0] = (byte) 0xff;
                }
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(TRACE, ("00-trace-" + i).getBytes(StandardCharsets.UTF_8));
            records.add(new ProducerRecord<>(topic, null, bytes(key), value, headers));
        }
        return records;
    }

    /**
     * What the dead letter of the bad data record with this key must be, in every format: a data type nobody
     * published a model for is {@code NO_MODEL} and named; NaN is undecodable and named; the rest is undecodable.
     */
    static Refusal refusal(String key) {
        if (key.startsWith("bad-unknown-")) {
            return new Refusal(DeadLetterKind.NO_MODEL, "'unknown-" + key.substring("bad-unknown-".length()) + "'");
        }
        if (key.startsWith("bad-nan-")) {
            return new Refusal(DeadLetterKind.DATA_UNDECODABLE, "NaN");
        }
        if (key.startsWith("bad-random-") || key.startsWith("bad-truncated-") || key.startsWith("bad-huge-")) {
            return new Refusal(DeadLetterKind.DATA_UNDECODABLE, "");
        }
        throw new AssertionError("no bad data record of the hostile mix has the key " + key);
    }

    /** Malformed model messages, all for {@code dataType}: none may replace its current model. */
    static List<ProducerRecord<byte[], byte[]>> models(String topic, String dataType) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        byte[] good = Codecs.modelDescriptors().encode(TestModels.constant("never", dataType, 7.0));
        for (int i = 0; i < BAD_MODELS; i++) {
            byte[] value = switch (i % 6) {
                case 0 -> bytes("garbage model " + i);
                case 1 -> Arrays.copyOf(good, good.length / 2);
                case 2 -> Codecs.modelDescriptors().encode(descriptor(dataType, i, "pmml",
                        "<?xml version=\"1.0\"?><!DOCTYPE PMML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><PMML>&x;"));
                case 3 -> Codecs.modelDescriptors().encode(descriptor(dataType, i, "onnx", "\u0008\u0007truncated"));
                case 4 -> Codecs.modelDescriptors().encode(ModelDescriptor.builder("bad-" + i, dataType, "constant")
                        .location("/etc/passwd").build());
                default -> Codecs.modelDescriptors().encode(descriptor(dataType, i, "no-such-type", "1.0"));
            };
            records.add(new ProducerRecord<>(topic, bytes(dataType), value));
        }
        return records;
    }

    private static ModelDescriptor descriptor(String dataType, int i, String modelType, String content) {
        return ModelDescriptor.builder("bad-" + i, dataType, modelType)
                .bytes(content.getBytes(StandardCharsets.UTF_8)).build();
    }
}
