package io.modelserving.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A data set kept beside the repository rather than in it, in a {@code shared/data/<name>} directory found by
 * walking up from the working directory. The rule for tests that read one lives here:
 * <ul>
 *   <li>the data set's directory is absent (a checkout without the data): the test is <em>skipped</em>;</li>
 *   <li>the directory is there but a file or directory the test asks for is not: the test <em>fails</em>,
 *       naming what is missing, because an incomplete data set is a broken setup, not a reason to skip.</li>
 * </ul>
 *
 * <pre>{@code
 * SharedData seed = SharedData.dataSet("seed-tutorial");              // skips the test without the directory
 * byte[] pmml = seed.bytes("winequalityLinearRegression.pmml");       // fails the test without the file
 * Path savedModel = seed.directory("saved/1");
 * }</pre>
 */
public final class SharedData {

    private final String name;
    private final Path root;

    private SharedData(String name, Path root) {
        this.name = name;
        this.root = root;
    }

    /**
     * The data set {@code shared/data/<name>} in the working directory or the nearest directory above it.
     *
     * @throws org.opentest4j.TestAbortedException when no such directory exists, which skips the calling test
     * @throws IllegalArgumentException when {@code name} is blank or not a single directory name
     */
    public static SharedData dataSet(String name) {
        return dataSet(name, Path.of(System.getProperty("user.dir")));
    }

    /** As {@link #dataSet(String)}, searching from {@code start} instead of the working directory. */
    static SharedData dataSet(String name, Path start) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")
                || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("a data set name is one directory name, was '" + name + "'");
        }
        Path from = start.toAbsolutePath().normalize();
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isDirectory(candidate)) {
                return new SharedData(name, candidate);
            }
        }
        return Assumptions.abort("shared/data/" + name + " is not in " + from + " or any directory above it; "
                + "skipping the test that needs it");
    }

    /** The data set's name, such as {@code "seed-tutorial"}. */
    public String name() {
        return name;
    }

    /** The data set's directory. */
    public Path root() {
        return root;
    }

    /**
     * The regular file at {@code relativePath} in the data set.
     *
     * @throws org.opentest4j.AssertionFailedError when it is missing or not a regular file, which fails the test
     */
    public Path file(String relativePath) {
        Path path = resolve(relativePath);
        if (!Files.isRegularFile(path)) {
            missing(relativePath, path, "file");
        }
        return path;
    }

    /**
     * The directory at {@code relativePath} in the data set.
     *
     * @throws org.opentest4j.AssertionFailedError when it is missing or not a directory, which fails the test
     */
    public Path directory(String relativePath) {
        Path path = resolve(relativePath);
        if (!Files.isDirectory(path)) {
            missing(relativePath, path, "directory");
        }
        return path;
    }

    /** The contents of {@link #file(String)}. */
    public byte[] bytes(String relativePath) {
        Path path = file(relativePath);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /** The UTF-8 lines of {@link #file(String)}. */
    public List<String> lines(String relativePath) {
        Path path = file(relativePath);
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    @Override
    public String toString() {
        return "SharedData[" + name + " at " + root + "]";
    }

    private Path resolve(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        Path path = root.resolve(relativePath).normalize();
        if (relativePath.isBlank() || Path.of(relativePath).isAbsolute() || !path.startsWith(root)) {
            throw new IllegalArgumentException("a path inside data set " + name + " must be relative and stay "
                    + "inside it, was '" + relativePath + "'");
        }
        return path;
    }

    private void missing(String relativePath, Path path, String kind) {
        String found = Files.exists(path) ? "something that is not a " + kind : "nothing";
        Assertions.fail("Data set " + name + " is present at " + root + " but has " + found + " at '"
                + relativePath + "' (" + path + "): restore the " + kind + "; a present data set must be complete");
    }
}
