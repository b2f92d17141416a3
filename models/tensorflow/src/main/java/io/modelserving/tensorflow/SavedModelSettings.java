package io.modelserving.tensorflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a TensorFlow SavedModel is loaded and called: its tags, the signature, the signature's input and
 * output keys, and where archives are unpacked. Immutable; {@code withX} returns a changed copy.
 *
 * <p>The defaults are those of the original model-serving tutorial's SavedModel: tag {@code serve},
 * signature {@code predict}, input key {@code inputs}, output key {@code outputs}; archives unpack under
 * {@code java.io.tmpdir}.
 *
 * <pre>{@code
 * SavedModelSettings settings = SavedModelSettings.defaults()
 *         .withSignature("serving_default")
 *         .withInputKey("dense_input")
 *         .withOutputKey("dense_2")
 *         .withUnpackDirectory(Path.of("/var/lib/myservice/tmp"));
 * ModelFactory factory = new TensorFlowSavedModelFactory(settings);
 * }</pre>
 *
 * @param tags            the meta-graph tags to load
 * @param signature       the signature key to call
 * @param inputKey        the signature's input key (a float32 tensor of shape [n, features])
 * @param outputKey       the signature's output key (float32, shape [n, classes] or [n])
 * @param unpackDirectory where archives are unpacked before loading; null for {@code java.io.tmpdir}
 */
public record SavedModelSettings(List<String> tags, String signature, String inputKey, String outputKey,
                                 Path unpackDirectory) {

    public static final String DEFAULT_TAG = "serve";
    public static final String DEFAULT_SIGNATURE = "predict";
    public static final String DEFAULT_INPUT_KEY = "inputs";
    public static final String DEFAULT_OUTPUT_KEY = "outputs";

    public SavedModelSettings {
        Objects.requireNonNull(tags, "tags");
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("tags must name at least one tag, was " + tags);
        }
        tags = tags.stream().map(tag -> GraphSettings.requireName(tag, "tag")).toList();
        signature = GraphSettings.requireName(signature, "signature");
        inputKey = GraphSettings.requireName(inputKey, "inputKey");
        outputKey = GraphSettings.requireName(outputKey, "outputKey");
    }

    /** The tutorial's tag, signature and keys; archives unpack under {@code java.io.tmpdir}. */
    public static SavedModelSettings defaults() {
        return new SavedModelSettings(List.of(DEFAULT_TAG), DEFAULT_SIGNATURE, DEFAULT_INPUT_KEY,
                DEFAULT_OUTPUT_KEY, null);
    }

    public SavedModelSettings withTags(String... newTags) {
        return new SavedModelSettings(List.of(newTags), signature, inputKey, outputKey, unpackDirectory);
    }

    public SavedModelSettings withSignature(String key) {
        return new SavedModelSettings(tags, key, inputKey, outputKey, unpackDirectory);
    }

    public SavedModelSettings withInputKey(String key) {
        return new SavedModelSettings(tags, signature, key, outputKey, unpackDirectory);
    }

    public SavedModelSettings withOutputKey(String key) {
        return new SavedModelSettings(tags, signature, inputKey, key, unpackDirectory);
    }

    public SavedModelSettings withUnpackDirectory(Path directory) {
        return new SavedModelSettings(tags, signature, inputKey, outputKey, directory);
    }

    /** The directory archives unpack under: the configured one, else {@code java.io.tmpdir}. */
    public Path effectiveUnpackDirectory() {
        return unpackDirectory != null ? unpackDirectory : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
