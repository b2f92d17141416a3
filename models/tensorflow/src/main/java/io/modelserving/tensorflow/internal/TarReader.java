package io.modelserving.tensorflow.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads POSIX (ustar, pax) and GNU tar streams entry by entry. Only what a model archive needs: regular
 * files and directories, with long names; the caller decides what to do with other entry types.
 */
final class TarReader {

    private static final int BLOCK = 512;
    private static final int MAX_LONG_NAME = 64 * 1024;

    /** One entry: its name, its type flag ({@code '0'} file, {@code '5'} directory, ...) and content size. */
    record Entry(String name, char type, long size) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }
    }

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    Entry next() throws IOException {
        String longName = null;
        Long paxSize = null;
        while (true) {
            skipRest();
            byte[] header = new byte[BLOCK];
            int read = in.readNBytes(header, 0, BLOCK);
            if (read == 0 || isZero(header)) {
                return null;
            }
            if (read < BLOCK) {
                throw new EOFException("Tar archive is truncated inside an entry header");
            }
            verifyChecksum(header);
            char type = (char) header[156];
            long size = number(header, 124, 12);
            start(size);
            if (type == 'L') {
                longName = text(content(MAX_LONG_NAME));
            } else if (type == 'x') {
                String pax = text(content(MAX_LONG_NAME));
                String path = paxValue(pax, "path");
                longName = path != null ? path : longName;
                String paxSizeText = paxValue(pax, "size");
                if (paxSizeText != null) {
                    paxSize = parseSize(paxSizeText);
                }
            } else if (type != 'g') {
                if (paxSize != null) {
                    start(paxSize);
                }
                return new Entry(longName != null ? longName : name(header), type, remaining);
            }
        }
    }

    /** The current entry's content; reading past it returns end of stream. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (n < 0) {
                    throw new EOFException("Tar archive is truncated inside an entry's content");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private void start(long size) throws IOException {
        if (size < 0) {
            throw new IOException("Tar entry has a negative size");
        }
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
    }

    private byte[] content(int max) throws IOException {
        if (remaining > max) {
            throw new IOException("Tar extended header of " + remaining + " bytes is too long");
        }
        return content().readAllBytes();
    }

    private void skipRest() throws IOException {
        long toSkip = remaining + padding;
        remaining = 0;
        padding = 0;
        in.skipNBytes(toSkip);
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 5).equals("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static void verifyChecksum(byte[] header) throws IOException {
        long expected = number(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
        }
        if (sum != expected) {
            throw new IOException("Not a tar archive: header checksum is " + sum + ", header says " + expected);
        }
    }

    /** An octal field, or GNU's base-256 form (high bit set) for large values. */
    private static long number(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            if ((header[offset] & 0x40) != 0) {
                throw new IOException("Tar header holds a negative number");
            }
            long value = header[offset] & 0x3f;
            for (int i = 1; i < length; i++) {
                if ((value >>> 55) != 0) {
                    throw new IOException("Tar header number is too large");
                }
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            if (header[i] < '0' || header[i] > '7') {
                throw new IOException("Not a tar archive: invalid octal digit in a header");
            }
            value = value * 8 + (header[i] - '0');
        }
        return value;
    }

    private static long parseSize(String text) throws IOException {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IOException("Tar extended header has an invalid size '" + text + "'");
        }
    }

    private static String paxValue(String records, String key) {
        // Each record is "<length> <key>=<value>\n".
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            int equals = line.indexOf('=');
            if (space > 0 && equals > space && line.substring(space + 1, equals).equals(key)) {
                return line.substring(equals + 1);
            }
        }
        return null;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes) {
        return text(bytes, 0, bytes.length);
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
