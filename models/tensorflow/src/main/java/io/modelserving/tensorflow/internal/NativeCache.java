package io.modelserving.tensorflow.internal;

import io.modelserving.ModelServingException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Chooses JavaCPP's native-library cache before TensorFlow first loads.
 *
 * <p>TensorFlow Java unpacks ~650 MB of native libraries into JavaCPP's cache, which defaults to
 * {@code ~/.javacpp/cache}. Unless the application chose a folder (the system property, or {@link #use}), we
 * pick a private per-user one (see {@link DefaultCacheDirectory}) that this user's JVMs share, so the libraries
 * unpack once per user.
 */
public final class NativeCache {

    /** The property JavaCPP's {@code Loader} reads; it also accepts the camel-case spelling. */
    public static final String PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static final String ALTERNATE_PROPERTY = "org.bytedeco.javacpp.cacheDir";

    private static volatile boolean used;

    private NativeCache() {
    }

    /**
     * Sets the cache folder unless one is set already; call before touching any TensorFlow class.
     *
     * @throws io.modelserving.ModelServingException when the default folder is unsafe to load code from
     */
    public static synchronized Path ensureConfigured() {
        Path folder = configured().orElseGet(() -> {
            Path chosen = DefaultCacheDirectory.choose(DefaultCacheDirectory.Environment.current());
            System.setProperty(PROPERTY, chosen.toString());
            return chosen;
        });
        used = true;
        return folder;
    }

    /**
     * Chooses the cache folder.
     *
     * @throws IllegalStateException when a model has already been loaded with another folder
     */
    public static synchronized void use(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Optional<Path> current = configured();
        if (used && current.isPresent() && !current.get().equals(absolute)) {
            throw new IllegalStateException("TensorFlow native libraries already load from " + current.get()
                    + "; choose the cache folder before the first model loads, not " + absolute);
        }
        System.setProperty(PROPERTY, absolute.toString());
    }

    /**
     * The failure to report when TensorFlow's natives do not load: the module's dependencies carry Linux
     * x86-64's only, and JavaCPP's own error does not say so.
     */
    public static ModelServingException unavailable(LinkageError error) {
        return new ModelServingException("TensorFlow's native libraries cannot be loaded on "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (" + error
                + "). modelserving-tensorflow brings those of Linux x86-64 only: add"
                + " org.tensorflow:tensorflow-core-native with this platform's classifier.", error);
    }

    private static Optional<Path> configured() {
        String value = System.getProperty(PROPERTY, System.getProperty(ALTERNATE_PROPERTY));
        return value == null || value.isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(value).toAbsolutePath().normalize());
    }
}
