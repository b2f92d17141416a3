package io.modelserving.tensorflow.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where an archive's entries are written, refusing anything that could land outside the destination or
 * exhaust the disk: absolute names, {@code ..} segments, duplicates, more than {@value #MAX_ENTRIES} entries,
 * and more than {@code maxBytes} in total (counted as written, whatever the archive claims).
 */
final class SafeDestination {

    static final int MAX_ENTRIES = 10_000;

    private final Path root;
    private final long maxBytes;
    private long written;
    private int entries;

    SafeDestination(Path root, long maxBytes) {
        this.root = root.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    void directory(String entryName) throws IOException {
        Path target = resolve(entryName);
        if (target != null) {
            Files.createDirectories(target);
        }
    }

    void file(String entryName, InputStream content) throws IOException {
        Path target = resolve(entryName);
        if (target == null) {
            throw new IOException("Archive entry '" + entryName + "' is a file where the archive's root must be");
        }
        Files.createDirectories(target.getParent());
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            int n;
            while ((n = content.read(buffer)) > 0) {
                written += n;
                if (written > maxBytes) {
                    throw new IOException("Archive unpacks to more than the limit of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Archive entry '" + entryName + "' appears twice");
        }
    }

    /** The entry's path under the root, or null for the root itself ({@code ./}). */
    private Path resolve(String entryName) throws IOException {
        if (++entries > MAX_ENTRIES) {
            throw new IOException("Archive has more than " + MAX_ENTRIES + " entries");
        }
        String name = entryName.replace('\\', '/');
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IOException("Archive entry has an empty or invalid name: '" + entryName + "'");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new IOException("Archive entry '" + entryName + "' has an absolute path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new IOException("Archive entry '" + entryName + "' leads out of the archive (..)");
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("Archive entry '" + entryName + "' leads out of the archive");
        }
        return target.equals(root) ? null : target;
    }
}
