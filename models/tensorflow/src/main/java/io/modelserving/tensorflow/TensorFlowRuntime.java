package io.modelserving.tensorflow;

import io.modelserving.tensorflow.internal.NativeCache;
import java.nio.file.Path;

/**
 * Where TensorFlow's native libraries are unpacked.
 *
 * <p>TensorFlow Java ships its native code in a jar and unpacks it (~650 MB) through JavaCPP on first use, and
 * the JVM then loads whatever libraries that folder holds: it must be one that no other user can write. The
 * folder is, in order: the one given to {@link #useNativeCache(Path)}, the system property
 * {@value #CACHE_DIR_PROPERTY} (for example set with {@code -D} on the command line), or a private per-user
 * default that this user's JVMs share, so the libraries unpack once:
 * <ol>
 *   <li>{@code $XDG_CACHE_HOME/modelserving/native} when {@code XDG_CACHE_HOME} is an absolute path;</li>
 *   <li>else {@code ~/.cache/modelserving/native} when the home directory is writable;</li>
 *   <li>else {@code modelserving-native-<user name>} under {@code java.io.tmpdir}, created with mode 0700. A
 *       directory of that name that already exists is refused, and no model loads, when it is a link, is owned
 *       by another user, or its group or others may write it; remove it or choose a folder.</li>
 * </ol>
 *
 * <p>The models of this module choose the folder before they load TensorFlow. Code that uses TensorFlow's
 * own API first (building a graph, say) must call {@link #nativeCache()} or {@link #useNativeCache(Path)}
 * before it: JavaCPP fixes its folder when the first native library loads.
 *
 * <pre>{@code
 * // at start-up, before the first TensorFlow model loads
 * TensorFlowRuntime.useNativeCache(Path.of("/var/cache/myservice/native"));
 * }</pre>
 */
public final class TensorFlowRuntime {

    /** The system property JavaCPP reads for its cache folder. */
    public static final String CACHE_DIR_PROPERTY = NativeCache.PROPERTY;

    private TensorFlowRuntime() {
    }

    /**
     * Unpacks TensorFlow's native libraries into {@code folder}. Call it before the first model loads.
     *
     * @throws IllegalStateException when models already loaded from another folder
     */
    public static void useNativeCache(Path folder) {
        NativeCache.use(folder);
    }

    /**
     * The folder the native libraries unpack into (choosing the default when nothing was configured).
     *
     * @throws io.modelserving.ModelServingException when the default folder under {@code java.io.tmpdir} exists
     *                                               but is not private to this user
     */
    public static Path nativeCache() {
        return NativeCache.ensureConfigured();
    }
}
