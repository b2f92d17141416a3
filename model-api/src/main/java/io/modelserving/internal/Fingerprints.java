package io.modelserving.internal;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelPayload;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a model's content: its type, name, version and the SHA-256 of its bytes (or its location).
 * A primary descriptor with the fingerprint of the data type's shadow or canary promotes that model as it is
 * loaded, instead of loading it again.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(ModelDescriptor descriptor) {
        String content = descriptor.payload() instanceof ModelPayload.Bytes bytes ? sha256(bytes.data())
                : "location " + ((ModelPayload.Location) descriptor.payload()).path() + " " + descriptor.sha256();
        return descriptor.modelType() + "\n" + descriptor.name() + "\n" + descriptor.version() + "\n" + content;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
