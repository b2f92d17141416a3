package io.modelserving.tensorflow;

import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import io.modelserving.tensorflow.internal.SavedModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads TensorFlow SavedModels (model type {@value #MODEL_TYPE}) as {@link TensorFlowSavedModel}s. Found by
 * {@link java.util.ServiceLoader} with the tutorial's tag, signature and keys; construct it with other
 * {@link SavedModelSettings} and hand it to the processor for other models.
 *
 * <p>The descriptor's content may be:
 * <ul>
 *   <li>a location naming a SavedModel directory inside the processor's allowed directories
 *       ({@link io.modelserving.ModelLimits}); it must hold no link leading outside itself, and its files
 *       count against the size limit;</li>
 *   <li>a location naming an archive file, or inline bytes: a tar, tar.gz or zip of the SavedModel
 *       directory, unpacked safely (see {@link TensorFlowSavedModel#fromArchive}) within the size limit.</li>
 * </ul>
 * A descriptor's checksum covers archive bytes only; a directory has no single content to hash.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
 *         .limits(ModelLimits.defaults().withAllowedDirectories(Path.of("/models")))
 *         .build();                                   // finds this factory with ServiceLoader
 * processor.update(ModelDescriptor.builder("wine-saved", "wine", TensorFlowSavedModelFactory.MODEL_TYPE)
 *         .location("/models/wine/1")
 *         .build());
 * }</pre>
 */
public final class TensorFlowSavedModelFactory implements ModelFactory {

    /** The model type this factory loads. */
    public static final String MODEL_TYPE = "tensorflow-saved";

    private final SavedModelSettings settings;

    /** With {@link SavedModelSettings#defaults()}, the tutorial's tag, signature and keys. */
    public TensorFlowSavedModelFactory() {
        this(SavedModelSettings.defaults());
    }

    public TensorFlowSavedModelFactory(SavedModelSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        Optional<Path> location = source.location();
        if (location.isPresent() && Files.isDirectory(location.get())) {
            SavedModelFiles.checkDirectory(location.get(), source.maxBytes());
            return TensorFlowSavedModel.load(location.get(), settings);
        }
        return TensorFlowSavedModel.fromArchive(source.bytes(), source.maxBytes(), settings);
    }
}
