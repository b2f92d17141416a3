package io.modelserving.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelSignature;
import io.modelserving.Prediction;
import io.modelserving.onnx.internal.ModelInputs;
import io.modelserving.onnx.internal.OnnxSignature;
import io.modelserving.onnx.internal.OutputReader;
import io.modelserving.onnx.internal.SessionOptionsFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An ONNX model in an ONNX Runtime session, scoring {@link Features} into {@link Prediction}s. Thread-safe.
 *
 * <p>Inputs are read from the model, in one of two kinds:
 * <ul>
 *   <li>One numeric input tensor {@code [rows, features]} (float, double, int64 or int32), or
 *       {@code [rows, d1, ..., dk]} with fixed {@code d}s, which a record's values fill in row-major order: its
 *       values in order, or the features named in {@link OnnxSettings#withFeatureNames}. Such a graph takes no
 *       strings, so a record with categorical features ({@link Features#categorical()}) fails rather than have them
 *       dropped, unless named features are configured and none of the names is categorical.</li>
 *   <li>One input per feature, named like it, as scikit-learn-onnx converts a pipeline with a ColumnTransformer:
 *       each a column {@code [rows, 1]} or {@code [rows]}, of strings (fed the record's categorical feature of that
 *       name) or of numbers (fed its numeric feature). A model with several inputs, or a string input, is of this
 *       kind; it receives categorical features as they are.</li>
 * </ul>
 * A record that does not fit (another number of features, a missing feature, a category where the input takes
 * numbers or a number where it takes strings, a fraction for an integer input) throws {@link OnnxModelException}
 * naming the input and the feature. {@link #scoreBatch} runs the whole batch at once, one row per record in every
 * input.
 *
 * <p>Outputs: a single-column number is a regression {@link Prediction#value()}. A label output (with or
 * without probabilities, as scikit-learn converters write classifiers) gives the label, its numeric value and
 * the class probabilities. A multi-column score tensor (a softmax layer; Tribuo classifiers) gives the
 * highest-scoring class, labelled by {@link OnnxSettings#withClassLabels} or by column index.
 *
 * <p>{@link #signature()} lists every input and output as ONNX Runtime reports them (element type such as
 * {@code float}, shape with -1 for an open dimension).
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.load(Files.readAllBytes(Path.of("wine.onnx")))) {
 *     Prediction quality = model.score(Features.positional("wine", 7.4, 0.7, 0.0, 1.9));
 *     List<Prediction> all = model.scoreBatch(records);
 * }
 * try (OnnxModel pricing = OnnxModel.load(Files.readAllBytes(Path.of("cars.onnx")))) { // inputs fuel, engine_cc
 *     Prediction price = pricing.score(Features.builder("car").category("fuel", "diesel").number("engine_cc", 1600)
 *             .build());
 * }
 * }</pre>
 */
public final class OnnxModel implements Model<Features, Prediction> {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final ModelInputs inputs;
    private final OutputReader output;
    private final ModelSignature signature;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxModel(OrtEnvironment env, OrtSession session, OrtSession.SessionOptions options, ModelInputs inputs,
                      OutputReader output, ModelSignature signature) {
        this.env = env;
        this.session = session;
        this.options = options;
        this.inputs = inputs;
        this.output = output;
        this.signature = signature;
    }

    /** Loads a model with {@link OnnxSettings#defaults()}. */
    public static OnnxModel load(byte[] bytes) {
        return load(bytes, OnnxSettings.defaults());
    }

    /**
     * Loads a model from its serialized {@code ModelProto}.
     *
     * @throws OnnxModelException when the bytes are not a valid ONNX model, or its inputs or outputs are not
     *                            of a kind this class can feed and read
     */
    public static OnnxModel load(byte[] bytes, OnnxSettings settings) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(settings, "settings");
        if (bytes.length == 0) {
            throw new OnnxModelException("The ONNX model is empty (0 bytes)");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = null;
        OrtSession session = null;
        try {
            options = SessionOptionsFactory.create(settings);
            session = env.createSession(bytes, options);
            ModelInputs inputs = ModelInputs.of(session.getInputInfo(), settings.featureNames());
            OutputReader output = OutputReader.of(session.getOutputInfo(), settings.classLabels());
            ModelSignature signature = OnnxSignature.of(session.getInputInfo(), session.getOutputInfo());
            return new OnnxModel(env, session, options, inputs, output, signature);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session, options);
            if (e instanceof OnnxModelException known) {
                throw known;
            }
            throw new OnnxModelException("Not a valid ONNX model (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    /** The names of the model's input tensors, in the model's order: one, or one per feature. */
    public List<String> inputNames() {
        return inputs.names();
    }

    /** The features per record the model takes, or -1 when the model leaves the width open. */
    public int featureCount() {
        return inputs.featureCount();
    }

    /** The outputs read to make a prediction. */
    public List<String> outputNames() {
        return List.copyOf(output.outputNames());
    }

    /** Every input and output of the model, as ONNX Runtime reports them. */
    @Override
    public Optional<ModelSignature> signature() {
        return Optional.of(signature);
    }

    @Override
    public Prediction score(Features record) {
        return run(List.of(record)).get(0);
    }

    @Override
    public List<Prediction> scoreBatch(List<Features> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        if (inputs.batchable()) {
            return run(records);
        }
        // The model fixes the row dimension at 1: one run per record.
        List<Prediction> predictions = new ArrayList<>(records.size());
        for (Features record : records) {
            predictions.add(run(List.of(record)).get(0));
        }
        return predictions;
    }

    private List<Prediction> run(List<Features> records) {
        if (closed.get()) {
            throw new OnnxModelException("The ONNX model is closed");
        }
        try {
            Map<String, OnnxTensor> tensors = inputs.tensors(env, records);
            try (OrtSession.Result result = session.run(tensors, output.outputNames())) {
                return output.read(result, records.size());
            } finally {
                OnnxValue.close(tensors);
            }
        } catch (OrtException e) {
            throw new OnnxModelException("ONNX Runtime could not score " + (records.size() == 1 ? "the record"
                    : "a batch of " + records.size() + " records") + ": " + e.getMessage(), e);
        }
    }

    /** Releases the native session. Must be called once no scoring call is running. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(session, options);
        }
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            // Nothing left to do with a session that cannot be closed; the options are still released.
        } finally {
            if (options != null) {
                options.close();
            }
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + inputs + ", outputs=" + output.outputNames() + "]";
    }
}
