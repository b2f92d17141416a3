package io.modelserving.tensorflow;

import com.google.protobuf.InvalidProtocolBufferException;
import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelServingException;
import io.modelserving.ModelSignature;
import io.modelserving.Prediction;
import io.modelserving.tensorflow.internal.GraphInspector;
import io.modelserving.tensorflow.internal.NativeCache;
import io.modelserving.tensorflow.internal.TensorFlowSignature;
import io.modelserving.tensorflow.internal.TensorScorer;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;

/**
 * A frozen TensorFlow graph (a serialized {@code GraphDef} with its weights as constants) serving
 * {@link Features} records: model type {@code "tensorflow"}, the original tutorial's {@code TENSORFLOW}.
 *
 * <p>The record's values, in order, become one float32 row of the input; a batch becomes one [n, features]
 * tensor and one session run. A [n, k] output with k &ge; 2 is read as per-class scores: the prediction's
 * value and label are the index of the highest score, its probabilities map "0".."k-1" to the scores as the
 * graph gives them (the tutorial's are independent sigmoids, which need not sum to 1). A [n] or [n, 1] output
 * is a regression value. Thread-safe.
 *
 * <p>The graph takes numbers only: a record with categorical features ({@link Features#categorical()}) fails
 * rather than have them dropped. Encode categories as numbers in the record's codec, or serve the model as PMML.
 *
 * <p>{@link #signature()} gives the configured input and output by the names configured, with the graph's dtype
 * and shape; an input placeholder that declares no shape shows as {@code [-1, features]}.
 *
 * <pre>{@code
 * try (TensorFlowGraphModel model = TensorFlowGraphModel.load(
 *         Files.readAllBytes(Path.of("optimized_WineQuality.pb")), GraphSettings.defaults())) {
 *     Prediction quality = model.score(Features.positional("wine",
 *             7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4));
 *     int predicted = (int) quality.value();       // 0..8
 * }
 * }</pre>
 */
public final class TensorFlowGraphModel implements Model<Features, Prediction> {

    private final TensorScorer scorer;
    private final ModelSignature signature;

    private TensorFlowGraphModel(TensorScorer scorer, ModelSignature signature) {
        this.scorer = scorer;
        this.signature = signature;
    }

    /**
     * Imports the graph, checks its input and output, and runs one all-zero record through it.
     *
     * @throws ModelServingException saying what is wrong when the bytes are not a usable graph
     */
    public static TensorFlowGraphModel load(byte[] graphDef, GraphSettings settings) {
        NativeCache.ensureConfigured();
        GraphDef definition = parse(graphDef);
        Graph graph;
        try {
            graph = new Graph();
        } catch (LinkageError e) {
            throw NativeCache.unavailable(e);
        }
        Session session = null;
        try {
            graph.importGraphDef(definition);
            Output<?> input = GraphInspector.floatTensor(graph, settings.input(), "input");
            Output<?> output = GraphInspector.floatTensor(graph, settings.output(), "output");
            int features = GraphInspector.featureCount(input, settings.featureCount());
            ModelSignature signature = new ModelSignature(
                    List.of(TensorFlowSignature.field(settings.input(), input.dataType(), input.shape(), features)),
                    List.of(TensorFlowSignature.field(settings.output(), output.dataType(), output.shape(), 0)));
            session = new Session(graph);
            Session opened = session;
            AutoCloseable resources = () -> {
                try {
                    opened.close();
                } finally {
                    graph.close();
                }
            };
            TensorScorer scorer = new TensorScorer(session, resources, settings.input(), settings.output(), features);
            scorer.probe();
            return new TensorFlowGraphModel(scorer, signature);
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            graph.close();
            throw e instanceof ModelServingException known ? known
                    : new ModelServingException("TensorFlow rejected the graph: " + e.getMessage(), e);
        }
    }

    private static GraphDef parse(byte[] bytes) {
        GraphDef definition;
        try {
            definition = GraphDef.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelServingException("Not a TensorFlow GraphDef (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
        if (definition.getNodeCount() == 0) {
            throw new ModelServingException("Not a TensorFlow GraphDef (" + bytes.length + " bytes): it has no nodes");
        }
        return definition;
    }

    /** Features per record the graph takes; 0 when the graph does not say. */
    public int featureCount() {
        return scorer.featureCount();
    }

    /** The configured input and output operations, with their dtype and shape in the graph. */
    @Override
    public Optional<ModelSignature> signature() {
        return Optional.of(signature);
    }

    /** @throws ModelServingException when the record does not fit the graph's input or TensorFlow fails */
    @Override
    public Prediction score(Features input) {
        return scorer.score(List.of(input)).get(0);
    }

    /** Scores the whole batch in one session run. */
    @Override
    public List<Prediction> scoreBatch(List<Features> inputs) {
        return scorer.score(inputs);
    }

    /** Closes the session and the graph; idempotent. */
    @Override
    public void close() {
        scorer.close();
    }
}
