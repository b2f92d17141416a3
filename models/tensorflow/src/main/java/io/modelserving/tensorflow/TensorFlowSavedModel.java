package io.modelserving.tensorflow;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelServingException;
import io.modelserving.ModelSignature;
import io.modelserving.Prediction;
import io.modelserving.tensorflow.internal.ArchiveUnpacker;
import io.modelserving.tensorflow.internal.NativeCache;
import io.modelserving.tensorflow.internal.SavedModelFiles;
import io.modelserving.tensorflow.internal.TensorFlowSignature;
import io.modelserving.tensorflow.internal.TensorScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A TensorFlow SavedModel serving {@link Features} records through one signature: model type
 * {@code "tensorflow-saved"}, the original tutorial's {@code TENSORFLOWSAVED}.
 *
 * <p>It loads from a SavedModel directory, or from a tar, tar.gz or zip archive of one, which is unpacked
 * safely into a temporary directory and deleted as soon as the model is loaded (TensorFlow holds the
 * variables in memory from then on). Records become one float32 [n, features] tensor per batch; outputs are
 * read as by {@link TensorFlowGraphModel}, and a record with categorical features fails as it does there.
 * Thread-safe.
 *
 * <p>{@link #signature()} gives the configured input and output keys of the signature used, with the dtype and
 * shape that signature declares.
 *
 * <pre>{@code
 * SavedModelSettings settings = SavedModelSettings.defaults();   // tag serve, signature predict
 * try (TensorFlowSavedModel model = TensorFlowSavedModel.load(Path.of("saved/1"), settings)) {
 *     List<Prediction> qualities = model.scoreBatch(wines);
 * }
 * }</pre>
 */
public final class TensorFlowSavedModel implements Model<Features, Prediction> {

    private final TensorScorer scorer;
    private final ModelSignature signature;

    private TensorFlowSavedModel(TensorScorer scorer, ModelSignature signature) {
        this.scorer = scorer;
        this.signature = signature;
    }

    /**
     * Loads a SavedModel directory and checks the configured signature, input and output.
     *
     * @throws ModelServingException saying what is wrong when the directory is not a usable SavedModel
     */
    public static TensorFlowSavedModel load(Path directory, SavedModelSettings settings) {
        NativeCache.ensureConfigured();
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(directory.toString())
                    .withTags(settings.tags().toArray(String[]::new)).load();
        } catch (LinkageError e) {
            throw NativeCache.unavailable(e);
        } catch (RuntimeException e) {
            throw new ModelServingException("TensorFlow could not load a SavedModel with tags " + settings.tags()
                    + " from " + directory + ": " + e.getMessage(), e);
        }
        try {
            SignatureDef signature = signature(bundle, settings.signature());
            TensorInfo input = tensor(signature.getInputsMap(), settings.inputKey(), settings.signature(), "input");
            TensorInfo output = tensor(signature.getOutputsMap(), settings.outputKey(), settings.signature(), "output");
            int features = width(input.getTensorShape());
            TensorScorer scorer = new TensorScorer(bundle.session(), bundle, input.getName(), output.getName(),
                    features);
            scorer.probe();
            ModelSignature described = new ModelSignature(
                    List.of(TensorFlowSignature.field(settings.inputKey(), input.getDtype(), input.getTensorShape(),
                            features)),
                    List.of(TensorFlowSignature.field(settings.outputKey(), output.getDtype(), output.getTensorShape(),
                            0)));
            return new TensorFlowSavedModel(scorer, described);
        } catch (RuntimeException e) {
            bundle.close();
            throw e instanceof ModelServingException known ? known
                    : new ModelServingException("TensorFlow rejected the SavedModel: " + e.getMessage(), e);
        }
    }

    /**
     * Unpacks a tar, tar.gz or zip archive of a SavedModel directory (at its root or in one subdirectory)
     * under {@code settings.effectiveUnpackDirectory()}, loads it and deletes the unpacked files.
     *
     * @param maxBytes the most the archive may unpack to
     * @throws ModelServingException when the archive is unsafe, malformed or not a usable SavedModel
     */
    public static TensorFlowSavedModel fromArchive(byte[] archive, long maxBytes, SavedModelSettings settings) {
        Path unpacked;
        try {
            Path parent = Files.createDirectories(settings.effectiveUnpackDirectory());
            unpacked = Files.createTempDirectory(parent, "modelserving-savedmodel-");
        } catch (IOException e) {
            throw new ModelServingException("Cannot create a directory to unpack the SavedModel in: " + e, e);
        }
        try {
            ArchiveUnpacker.unpack(archive, unpacked, maxBytes);
            return load(SavedModelFiles.findRoot(unpacked), settings);
        } catch (IOException e) {
            throw new ModelServingException("SavedModel archive rejected: " + e.getMessage(), e);
        } finally {
            SavedModelFiles.deleteQuietly(unpacked);
        }
    }

    private static SignatureDef signature(SavedModelBundle bundle, String key) {
        Map<String, SignatureDef> signatures = bundle.metaGraphDef().getSignatureDefMap();
        SignatureDef signature = signatures.get(key);
        if (signature == null) {
            throw new ModelServingException("SavedModel has no signature '" + key + "'; it has "
                    + signatures.keySet());
        }
        return signature;
    }

    private static TensorInfo tensor(Map<String, TensorInfo> tensors, String key, String signature, String role) {
        TensorInfo info = tensors.get(key);
        if (info == null) {
            throw new ModelServingException("Signature '" + signature + "' has no " + role + " '" + key
                    + "'; its " + role + "s are " + tensors.keySet());
        }
        if (info.getDtype() != DataType.DT_FLOAT) {
            throw new ModelServingException("Signature '" + signature + "' " + role + " '" + key + "' is "
                    + info.getDtype() + "; only float32 (DT_FLOAT) is supported");
        }
        if (info.getName().isEmpty()) {
            throw new ModelServingException("Signature '" + signature + "' " + role + " '" + key
                    + "' is not a plain tensor (composite and sparse tensors are not supported)");
        }
        return info;
    }

    private static int width(TensorShapeProto shape) {
        boolean known = !shape.getUnknownRank() && shape.getDimCount() == 2 && shape.getDim(1).getSize() > 0;
        return known ? (int) shape.getDim(1).getSize() : 0;
    }

    /** Features per record the signature takes; 0 when it does not say. */
    public int featureCount() {
        return scorer.featureCount();
    }

    /** The configured input and output keys of the signature used, as that signature declares them. */
    @Override
    public Optional<ModelSignature> signature() {
        return Optional.of(signature);
    }

    /** @throws ModelServingException when the record does not fit the signature's input or TensorFlow fails */
    @Override
    public Prediction score(Features input) {
        return scorer.score(List.of(input)).get(0);
    }

    /** Scores the whole batch in one session run. */
    @Override
    public List<Prediction> scoreBatch(List<Features> inputs) {
        return scorer.score(inputs);
    }

    /** Closes the session and the SavedModel bundle; idempotent. */
    @Override
    public void close() {
        scorer.close();
    }
}
