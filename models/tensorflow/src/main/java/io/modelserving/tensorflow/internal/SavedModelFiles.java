package io.modelserving.tensorflow.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds, checks and removes SavedModel directories on disk. */
public final class SavedModelFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SavedModelFiles.class);

    private SavedModelFiles() {
    }

    /** The one directory under {@code unpacked} that holds a {@code saved_model.pb} (or {@code .pbtxt}). */
    public static Path findRoot(Path unpacked) throws IOException {
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> files = Files.walk(unpacked)) {
            files.filter(SavedModelFiles::isSavedModelFile).forEach(file -> roots.add(file.getParent()));
        }
        if (roots.isEmpty()) {
            throw new IOException("Archive holds no saved_model.pb: not a SavedModel");
        }
        if (roots.size() > 1) {
            throw new IOException("Archive holds " + roots.size() + " SavedModels, expected one: "
                    + roots.stream().map(unpacked::relativize).toList());
        }
        return roots.get(0);
    }

    /**
     * Checks a SavedModel directory given as a location: it holds a {@code saved_model.pb}, no link in it
     * leads outside it, and its files total at most {@code maxBytes}.
     */
    public static void checkDirectory(Path directory, long maxBytes) throws IOException {
        Path root = directory.toRealPath();
        if (!isSavedModelFile(root.resolve("saved_model.pb")) && !isSavedModelFile(root.resolve("saved_model.pbtxt"))) {
            throw new IOException("Model location " + directory + " holds no saved_model.pb: not a SavedModel");
        }
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isSymbolicLink() && !file.toRealPath().startsWith(root)) {
                    throw new IOException("Model location " + directory + " has a link leading outside it: "
                            + root.relativize(file));
                }
                total[0] += attributes.isSymbolicLink() ? 0 : attributes.size();
                if (total[0] > maxBytes) {
                    throw new IOException("SavedModel at " + directory + " is over the limit of " + maxBytes + " bytes");
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a directory tree; logs rather than fails, since the model is already loaded or rejected. */
    public static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", directory, e.toString());
        }
    }

    private static boolean isSavedModelFile(Path file) {
        String name = file.getFileName().toString();
        return (name.equals("saved_model.pb") || name.equals("saved_model.pbtxt")) && Files.isRegularFile(file);
    }
}
