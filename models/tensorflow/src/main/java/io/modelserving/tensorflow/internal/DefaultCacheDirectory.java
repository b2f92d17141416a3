package io.modelserving.tensorflow.internal;

import io.modelserving.ModelServingException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where TensorFlow's native libraries unpack when the application chose no folder: one only the current user
 * can write, since the JVM loads and runs whatever libraries it finds there. In order:
 * <ol>
 *   <li>{@code $XDG_CACHE_HOME/modelserving/native}, when that variable holds an absolute path;</li>
 *   <li>{@code ~/.cache/modelserving/native}, when the home directory is writable;</li>
 *   <li>{@code modelserving-native-<user>} under {@code java.io.tmpdir}, created with mode 0700. Any local user
 *       can create a name there first, so a directory found there is used only when it is a real directory
 *       (not a link) owned by this user and writable by nobody else; otherwise loading is refused.</li>
 * </ol>
 * The first two are created with mode 0700 where missing; one that cannot be created is passed over for the
 * next. On file systems without POSIX permissions only the directory's existence is ensured.
 */
public final class DefaultCacheDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final String HOW_TO_CHOOSE = "choose a folder with -D" + NativeCache.PROPERTY
            + "=... or TensorFlowRuntime.useNativeCache(...)";

    /** What the choice depends on, read from the environment and system properties. */
    public record Environment(String xdgCacheHome, String userHome, String tmpDir, String userName) {

        public static Environment current() {
            return new Environment(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"),
                    System.getProperty("java.io.tmpdir"), System.getProperty("user.name"));
        }
    }

    private DefaultCacheDirectory() {
    }

    /**
     * Chooses and creates the directory.
     *
     * @throws ModelServingException when the only candidate left is an unsafe or unusable temporary directory
     */
    public static Path choose(Environment env) {
        for (Path cache : userCaches(env)) {
            Path folder = cache.resolve("modelserving").resolve("native");
            try {
                Files.createDirectories(folder, ownerOnly(folder.getFileSystem()));
                return folder;
            } catch (IOException | UnsupportedOperationException e) {
                // e.g. a read-only home: try the next candidate
            }
        }
        return ensurePrivate(Path.of(env.tmpDir()).toAbsolutePath().resolve(temporaryName(env.userName())),
                currentUser(env.userName()));
    }

    /** The folder's name under {@code java.io.tmpdir}, the user name reduced to characters safe in a path. */
    static String temporaryName(String userName) {
        String safe = userName == null || userName.isBlank() ? "unknown" : userName.replaceAll("[^A-Za-z0-9._-]", "_");
        return "modelserving-native-" + safe;
    }

    /**
     * Creates {@code folder} with mode 0700, or accepts it as it is when it is a directory (not a link) owned by
     * {@code user} that neither group nor others may write.
     *
     * @throws ModelServingException when it is not, or cannot be created or read
     */
    static Path ensurePrivate(Path folder, UserPrincipal user) {
        FileSystem fs = folder.getFileSystem();
        if (!fs.supportedFileAttributeViews().contains("posix")) {
            try {
                return Files.createDirectories(folder);
            } catch (IOException e) {
                throw refused(folder, "cannot be created: " + e);
            }
        }
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // someone made it before: check it below like any existing one
        } catch (IOException e) {
            throw refused(folder, "cannot be created: " + e);
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw refused(folder, "cannot be read: " + e);
        }
        if (!attributes.isDirectory()) {
            throw refused(folder, "is not a directory but " + (attributes.isSymbolicLink() ? "a link" : "a file"));
        }
        if (!attributes.owner().equals(user)) {
            throw refused(folder, "is owned by " + attributes.owner().getName() + ", not by " + user.getName());
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw refused(folder, "may be written by other users (mode " + PosixFilePermissions.toString(permissions) + ")");
        }
        return folder;
    }

    private static List<Path> userCaches(Environment env) {
        List<Path> caches = new ArrayList<>(2);
        // The XDG spec says to ignore a relative value.
        absolute(env.xdgCacheHome()).ifPresent(caches::add);
        absolute(env.userHome()).filter(home -> Files.isDirectory(home) && Files.isWritable(home))
                .ifPresent(home -> caches.add(home.resolve(".cache")));
        return caches;
    }

    private static Optional<Path> absolute(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        try {
            Path parsed = Path.of(path);
            return parsed.isAbsolute() ? Optional.of(parsed) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static FileAttribute<?>[] ownerOnly(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static UserPrincipal currentUser(String userName) {
        try {
            return Path.of("").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(userName);
        } catch (IOException | RuntimeException e) {
            throw new ModelServingException("Cannot tell who owns TensorFlow's native library cache: user '" + userName
                    + "' is unknown (" + e.getMessage() + "); " + HOW_TO_CHOOSE, e);
        }
    }

    private static ModelServingException refused(Path folder, String why) {
        return new ModelServingException("Refusing " + folder + " as TensorFlow's native library cache: it " + why
                + ", and the JVM would load native code from it. Remove it, or " + HOW_TO_CHOOSE);
    }
}
