package io.modelserving.tensorflow;

import io.modelserving.tensorflow.internal.NativeCache;
import java.nio.file.Path;

/**
 * Where TensorFlow's native libraries are unpacked.
 *
 * <p>TensorFlow Java ships its native code in a jar and unpacks it (~650 MB) through JavaCPP on first use.
 * JavaCPP's own default is the home directory; this module never uses it. The folder is, in order: the one
 * given to {@link #useNativeCache(Path)}, the system property {@value #CACHE_DIR_PROPERTY} (for example set
 * with {@code -D} on the command line), or {@code java.io.tmpdir/modelserving-javacpp-cache}, shared by
 * every JVM on the machine so the libraries unpack only once.
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

    /** The folder the native libraries unpack into (choosing the default when nothing was configured). */
    public static Path nativeCache() {
        return NativeCache.ensureConfigured();
    }
}
