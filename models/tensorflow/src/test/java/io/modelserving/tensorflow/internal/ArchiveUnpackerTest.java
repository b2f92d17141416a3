package io.modelserving.tensorflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelserving.tensorflow.TestArchives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveUnpackerTest {

    @TempDir
    Path work;

    private Path destination() throws IOException {
        return Files.createDirectories(work.resolve("into"));
    }

    @Test
    void unpacksFilesAndDirectoriesOfATar() throws IOException {
        byte[] tar = new TestArchives.Tar()
                .directory("model/")
                .file("model/saved_model.pb", bytes("graph"))
                .directory("model/variables/")
                .file("model/variables/variables.index", new byte[1500])
                .file("./top.txt", bytes("top"))
                .finish();
        Path into = destination();
        ArchiveUnpacker.unpack(tar, into, 10_000);
        assertThat(into.resolve("model/saved_model.pb")).hasContent("graph");
        assertThat(into.resolve("model/variables/variables.index")).hasSize(1500);
        assertThat(into.resolve("top.txt")).hasContent("top");
    }

    @Test
    void unpacksAZipAndAGzippedTar() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a/b.txt", bytes("bee"));
        files.put("c.bin", new byte[700]);
        Path zipInto = destination();
        ArchiveUnpacker.unpack(TestArchives.zip(files), zipInto, 10_000);
        assertThat(zipInto.resolve("a/b.txt")).hasContent("bee");
        assertThat(zipInto.resolve("c.bin")).hasSize(700);

        Path gzInto = Files.createDirectories(work.resolve("gz"));
        ArchiveUnpacker.unpack(gzip(TestArchives.tar(files)), gzInto, 10_000);
        assertThat(gzInto.resolve("a/b.txt")).hasContent("bee");
        assertThat(gzInto.resolve("c.bin")).hasSize(700);
    }

    @Test
    void refusesEntriesThatLeadOutOfTheDestination() throws IOException {
        for (String name : new String[] {"../evil.txt", "a/../../evil.txt", "..\\evil.txt", "/tmp/evil.txt",
                "C:/evil.txt"}) {
            byte[] tar = new TestArchives.Tar().file(name, bytes("x")).finish();
            assertThatThrownBy(() -> ArchiveUnpacker.unpack(tar, destination(), 10_000), name)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("'" + name + "'")
                    .hasMessageFindingMatch("leads out of the archive|absolute path");
            byte[] zip = TestArchives.zip(Map.of(name, bytes("x")));
            assertThatThrownBy(() -> ArchiveUnpacker.unpack(zip, destination(), 10_000), name)
                    .isInstanceOf(IOException.class)
                    .hasMessageFindingMatch("leads out of the archive|absolute path");
        }
        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void refusesLinks() {
        byte[] escaping = new TestArchives.Tar().symlink("variables", "/etc").finish();
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(escaping, destination(), 10_000))
                .isInstanceOf(IOException.class)
                .hasMessage("Archive entry 'variables' is a link; links are not allowed");
    }

    @Test
    void capsTheUnpackedSizeWhateverTheArchiveClaims() throws IOException {
        Map<String, byte[]> files = Map.of("a.bin", new byte[6000], "b.bin", new byte[6000]);
        ArchiveUnpacker.unpack(TestArchives.tar(files), destination(), 12_000);
        for (byte[] archive : new byte[][] {TestArchives.tar(files), TestArchives.zip(files),
                gzip(TestArchives.tar(files))}) {
            Path into = Files.createTempDirectory(work, "cap");
            assertThatThrownBy(() -> ArchiveUnpacker.unpack(archive, into, 11_999))
                    .isInstanceOf(IOException.class)
                    .hasMessage("Archive unpacks to more than the limit of 11999 bytes");
        }
        // 50 MB of zeros compress to ~50 KB: the limit applies to what is inflated, not to the download.
        byte[] bomb = gzip(TestArchives.tar(Map.of("zeros", new byte[50_000_000])));
        assertThat(bomb.length).isLessThan(100_000);
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(bomb, Files.createTempDirectory(work, "bomb"), 1_000_000))
                .isInstanceOf(IOException.class).hasMessageContaining("limit");
    }

    @Test
    void refusesDuplicatesGarbageAndTruncation() throws IOException {
        byte[] twice = new TestArchives.Tar().file("a", bytes("1")).file("a", bytes("2")).finish();
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(twice, destination(), 10_000))
                .hasMessage("Archive entry 'a' appears twice");

        byte[] garbage = new byte[2048];
        Arrays.fill(garbage, (byte) 'x');
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(garbage, Files.createTempDirectory(work, "g"), 10_000))
                .isInstanceOf(IOException.class).hasMessageStartingWith("Not a tar archive");

        byte[] tar = TestArchives.tar(Map.of("big.bin", new byte[5000]));
        byte[] cut = Arrays.copyOf(tar, 512 + 2000);
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(cut, Files.createTempDirectory(work, "t"), 10_000))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");

        assertThatThrownBy(() -> ArchiveUnpacker.unpack(new byte[0], Files.createTempDirectory(work, "e"), 10_000))
                .isInstanceOf(IOException.class).hasMessageContaining("Not a tar, tar.gz or zip archive");
    }

    /**
     * GNU tar's own output in its three formats, with paths too long for a plain 100-character name: GNU
     * uses an extra "L" entry, pax an extended header, ustar its 155-character prefix field.
     */
    @Test
    void readsWhatTheTarCommandWrites() throws Exception {
        assumeTrue(run("tar", "--version"), "the tar command is not available");
        // Two segments, so that ustar can split the directory entry itself over prefix and name.
        String longDirectory = "d".repeat(60) + "/" + "e".repeat(60);
        Map<String, String> longestFileName = Map.of("gnu", "f".repeat(110), "pax", "f".repeat(110),
                "ustar", "f".repeat(90));
        for (String format : new String[] {"gnu", "pax", "ustar"}) {
            Path root = work.resolve("source-" + format);
            Path source = Files.createDirectories(root.resolve(longDirectory));
            String fileName = longestFileName.get(format) + ".txt";
            Files.writeString(source.resolve(fileName), "long " + format);
            Files.write(root.resolve("saved_model.pb"), new byte[3000]);
            Path archive = work.resolve(format + ".tar.gz");
            assertThat(run("tar", "--format=" + format, "-czf", archive.toString(), "-C", root.toString(), "."))
                    .as("tar --format=%s", format).isTrue();

            Path into = Files.createDirectories(work.resolve("from-" + format));
            ArchiveUnpacker.unpack(Files.readAllBytes(archive), into, 100_000);

            assertThat(into.resolve(longDirectory).resolve(fileName)).hasContent("long " + format);
            assertThat(into.resolve("saved_model.pb")).hasSize(3000);
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
