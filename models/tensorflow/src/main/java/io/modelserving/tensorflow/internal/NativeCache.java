package io.modelserving.tensorflow.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Points JavaCPP's native-library cache away from the home directory before TensorFlow first loads.
 *
 * <p>TensorFlow Java unpacks ~650 MB of native libraries into JavaCPP's cache, which defaults to
 * {@code ~/.javacpp/cache}. Unless the application chose a folder (the system property), we pick one under
 * {@code java.io.tmpdir} that every JVM on the machine shares, so the libraries unpack once.
 */
public final class NativeCache {

    /** The property JavaCPP's {@code Loader} reads; it also accepts the camel-case spelling. */
    public static final String PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static final String ALTERNATE_PROPERTY = "org.bytedeco.javacpp.cacheDir";
    private static final String DEFAULT_FOLDER = "modelserving-javacpp-cache";

    private static volatile boolean used;

    private NativeCache() {
    }

    /** Sets the cache folder unless one is set already; call before touching any TensorFlow class. */
    public static synchronized Path ensureConfigured() {
        used = true;
        return configured().orElseGet(() -> {
            Path folder = Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_FOLDER).toAbsolutePath();
            System.setProperty(PROPERTY, folder.toString());
            return folder;
        });
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

    private static Optional<Path> configured() {
        String value = System.getProperty(PROPERTY, System.getProperty(ALTERNATE_PROPERTY));
        return value == null || value.isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(value).toAbsolutePath().normalize());
    }
}
