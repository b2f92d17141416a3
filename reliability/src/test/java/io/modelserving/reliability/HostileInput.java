package io.modelserving.reliability;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.codec.Codecs;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineRecordCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Bad input in the wine service's own format, as any producer could write it: every other data record is
 * hostile, and bad model messages come in between.
 */
final class HostileInput {

    private final Random random;
    private final byte[] valid;

    HostileInput(long seed) {
        random = new Random(seed);
        valid = wine(Wine.DATA_TYPE, 7.4);
    }

    /** Data record {@code i}: a good wine, or one of six kinds of bad record. */
    byte[] data(int i) {
        if (i % 2 == 0) {
            return wine(Wine.DATA_TYPE, 5 + (i % 100) / 10.0);
        }
        return switch ((i / 2) % 6) {
            case 0 -> garbage(1 + random.nextInt(64));
            case 1 -> Arrays.copyOf(valid, valid.length - 1 - random.nextInt(6));   // cut inside the last field
            case 2 -> wine(Wine.DATA_TYPE, Double.NaN);
            case 3 -> wine("unknown-" + i, 7.0);                                   // nobody published a model
            case 4 -> new byte[0];
            default -> i % 1_000 == 1 ? garbage(500_000) : garbage(256);           // now and then a huge one
        };
    }

    /** Model message {@code i}: never a loadable model. */
    byte[] model(int i) {
        byte[] descriptor = Codecs.modelDescriptors().encode(ModelDescriptor.builder("never", Wine.DATA_TYPE, "onnx")
                .bytes(valid).build());
        return switch (i % 5) {
            case 0 -> "garbage model".getBytes(StandardCharsets.UTF_8);
            case 1 -> Arrays.copyOf(descriptor, descriptor.length / 2);
            case 2 -> Codecs.modelDescriptors().encode(ModelDescriptor.builder("bad-" + i, Wine.DATA_TYPE, "onnx")
                    .bytes(garbage(1_000)).build());
            case 3 -> Codecs.modelDescriptors().encode(ModelDescriptor.builder("bad-" + i, Wine.DATA_TYPE, "pmml")
                    .bytes("<?xml version=\"1.0\"?><PMML><broken".getBytes(StandardCharsets.UTF_8)).build());
            default -> Codecs.modelDescriptors().encode(ModelDescriptor.builder("bad-" + i, Wine.DATA_TYPE,
                    "no-such-format").bytes(valid).build());
        };
    }

    private byte[] garbage(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xff;   // never a valid first protobuf tag
        return bytes;
    }

    private static byte[] wine(String dataType, double alcohol) {
        double[] values = {7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, alcohol};
        return WineRecordCodec.toWire(Features.of(dataType, Wine.FEATURES, values), 0).toByteArray();
    }
}
