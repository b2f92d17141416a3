package io.modelserving.tensorflow.internal;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a tar, gzip-compressed tar or zip archive into a directory, safely: entries may not leave the
 * directory (absolute paths, {@code ..}), links and special files are refused (a SavedModel has none), and
 * the unpacked total is capped. The archive is untrusted input: it arrives on a model topic.
 */
public final class ArchiveUnpacker {

    private ArchiveUnpacker() {
    }

    /**
     * @param archive     the archive's bytes
     * @param destination an empty directory
     * @param maxBytes    the most the archive may unpack to
     * @throws IOException saying what is wrong with the archive
     */
    public static void unpack(byte[] archive, Path destination, long maxBytes) throws IOException {
        SafeDestination target = new SafeDestination(destination, maxBytes);
        try {
            if (startsWith(archive, 'P', 'K', 3, 4) || startsWith(archive, 'P', 'K', 5, 6)) {
                unzip(archive, target);
            } else if (startsWith(archive, 0x1f, 0x8b)) {
                untar(new GZIPInputStream(new ByteArrayInputStream(archive)), target, maxBytes);
            } else {
                untar(new ByteArrayInputStream(archive), target, maxBytes);
            }
        } catch (EOFException e) {
            throw new IOException("Archive is truncated" + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static void unzip(byte[] archive, SafeDestination target) throws IOException {
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                count++;
                if (entry.isDirectory()) {
                    target.directory(entry.getName());
                } else {
                    target.file(entry.getName(), zip);
                }
            }
        }
        if (count == 0) {
            throw new IOException("Zip archive is empty");
        }
    }

    private static void untar(InputStream raw, SafeDestination target, long maxBytes) throws IOException {
        // Skipped content and headers count too, so a compressed archive cannot make us inflate without end.
        long readLimit = maxBytes + 1024L * (SafeDestination.MAX_ENTRIES + 2);
        TarReader tar = new TarReader(new Bounded(raw, readLimit));
        int count = 0;
        for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
            count++;
            if (entry.isFile()) {
                target.file(entry.name(), tar.content());
            } else if (entry.isDirectory()) {
                target.directory(entry.name());
            } else if (entry.type() == '1' || entry.type() == '2' || entry.type() == 'K') {
                throw new IOException("Archive entry '" + entry.name() + "' is a link; links are not allowed");
            } else {
                throw new IOException("Archive entry '" + entry.name() + "' has unsupported type '"
                        + entry.type() + "'; only files and directories are allowed");
            }
        }
        if (count == 0) {
            throw new IOException("Not a tar, tar.gz or zip archive, or an empty one");
        }
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Fails once more than {@code limit} bytes have been read. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw new IOException("Archive is larger than the limit once decompressed");
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Read rather than skip, so that skipped bytes are counted.
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 1), 64 * 1024)];
            int read = read(buffer, 0, (int) Math.min(n, buffer.length));
            return Math.max(read, 0);
        }
    }
}
