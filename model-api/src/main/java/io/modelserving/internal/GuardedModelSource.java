package io.modelserving.internal;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelLimits;
import io.modelserving.ModelPayload;
import io.modelserving.spi.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** A {@link ModelSource} that enforces {@link ModelLimits} and the descriptor's checksum. */
public final class GuardedModelSource implements ModelSource {

    private final ModelDescriptor descriptor;
    private final ModelLimits limits;
    private final Path location;

    /**
     * Checks the payload against the limits before anything is read.
     *
     * @throws IOException with the reason when the payload breaks a limit
     */
    public GuardedModelSource(ModelDescriptor descriptor, ModelLimits limits) throws IOException {
        this.descriptor = descriptor;
        this.limits = limits;
        if (descriptor.payload() instanceof ModelPayload.Bytes bytes) {
            checkSize(bytes.data().length);
            this.location = null;
        } else {
            this.location = allowedLocation(((ModelPayload.Location) descriptor.payload()).path());
        }
    }

    @Override
    public byte[] bytes() throws IOException {
        byte[] data;
        if (descriptor.payload() instanceof ModelPayload.Bytes bytes) {
            data = bytes.data();
        } else {
            if (Files.isDirectory(location)) {
                throw new IOException("Model location " + location + " is a directory, not a file");
            }
            checkSize(Files.size(location));
            data = readAtMost(location, limits.maxModelBytes());
        }
        verifyChecksum(data);
        return data;
    }

    @Override
    public Optional<Path> location() {
        return Optional.ofNullable(location);
    }

    @Override
    public long maxBytes() {
        return limits.maxModelBytes();
    }

    private Path allowedLocation(String raw) throws IOException {
        if (limits.allowedDirectories().isEmpty()) {
            throw new IOException("Model location '" + raw + "' refused: no allowed model directories are configured");
        }
        Path real;
        try {
            // toRealPath resolves symbolic links, so a link inside an allowed directory cannot lead outside it.
            real = Path.of(raw).toAbsolutePath().normalize().toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException("Model location '" + raw + "' does not exist");
        }
        for (Path allowed : limits.allowedDirectories()) {
            Path allowedReal = Files.exists(allowed) ? allowed.toRealPath() : allowed;
            if (real.startsWith(allowedReal)) {
                return real;
            }
        }
        throw new IOException("Model location '" + raw + "' refused: it is outside the allowed directories "
                + limits.allowedDirectories());
    }

    private void checkSize(long size) throws IOException {
        if (size > limits.maxModelBytes()) {
            throw new IOException("Model is " + size + " bytes, over the limit of " + limits.maxModelBytes());
        }
    }

    private static byte[] readAtMost(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (data.length > max) {
                throw new IOException("Model file " + file + " grew over the limit of " + max + " bytes");
            }
            return data;
        }
    }

    private void verifyChecksum(byte[] data) throws IOException {
        if (descriptor.sha256().isEmpty()) {
            return;
        }
        String actual = sha256Hex(data);
        if (!actual.equalsIgnoreCase(descriptor.sha256())) {
            throw new IOException("Model checksum mismatch: descriptor says " + descriptor.sha256()
                    + ", content is " + actual);
        }
    }

    /** Lower-case hex SHA-256 of {@code data}. */
    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
