package io.modelserving.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Skips without the data set's directory, fails when the directory is there but incomplete. */
class SharedDataTest {

    @TempDir
    Path top;

    private Path workingDir;
    private Path dataSet;

    @BeforeEach
    void layOut() throws IOException {
        workingDir = Files.createDirectories(top.resolve("repo/models/pmml"));
        dataSet = Files.createDirectories(top.resolve("shared/data/wines"));
        Files.writeString(dataSet.resolve("red.csv"), "7.4;0.7\n8.1;0.5\n");
        Files.createDirectories(dataSet.resolve("saved/1"));
    }

    @Test
    void findsTheDataSetInTheNearestDirectoryAbove() throws IOException {
        Path nearer = Files.createDirectories(top.resolve("repo/shared/data/wines"));

        assertThat(SharedData.dataSet("wines", workingDir).root()).isEqualTo(nearer);
        assertThat(SharedData.dataSet("wines", top.resolve("other")).root()).isEqualTo(dataSet);
    }

    @Test
    void readsFilesAndDirectoriesOfAPresentDataSet() {
        SharedData wines = SharedData.dataSet("wines", workingDir);

        assertThat(wines.name()).isEqualTo("wines");
        assertThat(wines.file("red.csv")).isEqualTo(dataSet.resolve("red.csv"));
        assertThat(wines.bytes("red.csv")).isEqualTo("7.4;0.7\n8.1;0.5\n".getBytes(UTF_8));
        assertThat(wines.lines("red.csv")).containsExactly("7.4;0.7", "8.1;0.5");
        assertThat(wines.directory("saved/1")).isEqualTo(dataSet.resolve("saved/1"));
    }

    @Test
    void skipsWhenTheDataSetDirectoryIsAbsent() {
        assertThatThrownBy(() -> SharedData.dataSet("beers", workingDir))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("shared/data/beers").hasMessageContaining(workingDir.toString());
    }

    @Test
    void skipsWhenOnlyAFileHasTheDataSetsName() throws IOException {
        Files.writeString(top.resolve("shared/data/ciders"), "not a directory");

        assertThatThrownBy(() -> SharedData.dataSet("ciders", workingDir)).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void failsWhenTheDirectoryIsPresentButAFileIsMissing() {
        SharedData wines = SharedData.dataSet("wines", workingDir);

        for (Runnable call : new Runnable[] {() -> wines.file("white.csv"), () -> wines.bytes("white.csv"),
                () -> wines.lines("white.csv")}) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(AssertionFailedError.class)
                    .isNotInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("wines").hasMessageContaining("'white.csv'")
                    .hasMessageContaining(dataSet.toString()).hasMessageContaining("has nothing at");
        }
        assertThatThrownBy(() -> wines.directory("saved/2"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("'saved/2'");
    }

    @Test
    void failsWhenThePathIsTheWrongKind() {
        SharedData wines = SharedData.dataSet("wines", workingDir);

        assertThatThrownBy(() -> wines.file("saved"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("not a file");
        assertThatThrownBy(() -> wines.directory("red.csv"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("not a directory");
    }

    @Test
    void rejectsNamesAndPathsThatLeaveTheDataSet() throws IOException {
        Files.writeString(top.resolve("shared/data/secret.txt"), "outside");
        SharedData wines = SharedData.dataSet("wines", workingDir);

        for (String bad : new String[] {"", " ", "../secret.txt", "saved/../../secret.txt", top.toString()}) {
            assertThatThrownBy(() -> wines.file(bad)).as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
        for (String bad : new String[] {"", "..", "shared/data", "a\\b"}) {
            assertThatThrownBy(() -> SharedData.dataSet(bad, workingDir)).as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void searchesFromTheWorkingDirectoryByDefault() {
        // this module's working directory has no such data set, so the test calling it is skipped
        assertThatThrownBy(() -> SharedData.dataSet("no-such-data-set-" + System.nanoTime()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize().toString());
    }
}
