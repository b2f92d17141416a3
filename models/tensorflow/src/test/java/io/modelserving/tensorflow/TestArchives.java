package io.modelserving.tensorflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes tar and zip archives for tests, including malicious entries no real tool would write. */
public final class TestArchives {

    private TestArchives() {
    }

    /** Every file under {@code directory}, by its path relative to it with {@code prefix} in front. */
    public static Map<String, byte[]> files(Path directory, String prefix) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.put(prefix + directory.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return files;
    }

    /** A tar of regular files. */
    public static byte[] tar(Map<String, byte[]> files) {
        Tar tar = new Tar();
        files.forEach(tar::file);
        return tar.finish();
    }

    public static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A ustar writer: 512-byte headers with octal fields and a checksum, content padded to 512 bytes. */
    public static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Tar file(String name, byte[] content) {
            header(name, '0', content.length, "");
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
            return this;
        }

        public Tar directory(String name) {
            header(name, '5', 0, "");
            return this;
        }

        public Tar symlink(String name, String target) {
            header(name, '2', 0, target);
            return this;
        }

        public byte[] finish() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        private void header(String name, char type, long size, String linkTarget) {
            byte[] header = new byte[512];
            put(header, 0, name, 100);
            put(header, 100, "0000644", 8);
            put(header, 108, "0000000", 8);
            put(header, 116, "0000000", 8);
            put(header, 124, String.format("%011o", size), 12);
            put(header, 136, "00000000000", 12);
            header[156] = (byte) type;
            put(header, 157, linkTarget, 100);
            put(header, 257, "ustar", 6);
            put(header, 263, "00", 2);
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o", sum), 7);
            out.writeBytes(header);
        }

        private static void put(byte[] header, int offset, String value, int length) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > length) {
                throw new IllegalArgumentException("'" + value + "' does not fit in " + length + " bytes");
            }
            System.arraycopy(bytes, 0, header, offset, bytes.length);
        }
    }
}
