package io.modelserving.benchmarks.endtoend;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelInfo;
import io.modelserving.ModelPayload;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.codec.ScoredRecordCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The work every serving pipeline does, written straight against the libraries for the same-work baselines: decode
 * a record with the wire contract's codec ({@link Codecs#features()}, what the adapters decode with), score rows
 * with one raw ONNX Runtime session over the model's bytes, and encode the {@code ScoredRecord} envelope the
 * adapters write to the scored topic, with the same codec and, as they do, the input's bytes as they arrived, so the
 * bytes cost the same. No model topic, no swap, no
 * dead letters: the model is fixed and every record is good. Thread-safe (ONNX Runtime sessions are).
 *
 * <pre>{@code
 * try (SameWork work = new SameWork(workload.model(1))) {
 *     Features input = work.decode(bytes);
 *     Prediction p = work.score(List.of(input)).get(0);
 *     byte[] envelope = work.envelope(input, bytes, p, nanos, new ScoredRecord.Origin(topic, partition, offset, ts));
 * }
 * }</pre>
 */
final class SameWork implements AutoCloseable {

    private static final ScoredRecordCodec<Features, Prediction> SCORED =
            new ScoredRecordCodec<>(Codecs.features(), Codecs.predictions());

    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final long[] rowShape;
    private final int width;
    private final ModelInfo model;

    SameWork(ModelDescriptor descriptor) {
        if (!(descriptor.payload() instanceof ModelPayload.Bytes bytes)) {
            throw new IllegalArgumentException("The same-work baselines need a model with inline bytes, was "
                    + descriptor.payload());
        }
        env = OrtEnvironment.getEnvironment();
        try {
            options = new OrtSession.SessionOptions();
            // as OnnxSettings.defaults() configures the library's sessions
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(bytes.data(), options);
            NodeInfo in = session.getInputInfo().values().iterator().next();
            input = in.getName();
            long[] shape = ((TensorInfo) in.getInfo()).getShape();
            // every dimension after the rows is fixed: [rows, 11] for wine, [rows, 1, 784] for the FFNN
            rowShape = Arrays.copyOfRange(shape, 1, shape.length);
            width = (int) Arrays.stream(rowShape).reduce(1, (a, b) -> a * b);
            output = session.getOutputNames().iterator().next();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + descriptor + ": " + e.getMessage(), e);
        }
        model = descriptor.info(Instant.now());
    }

    /** Decodes a data record; the benchmark writes only good ones, so a bad one is a bug. */
    Features decode(byte[] bytes) {
        Decoded<Features> decoded = Codecs.features().decode(bytes);
        if (!decoded.isValue()) {
            throw new IllegalStateException("A benchmark record does not decode: " + decoded.reason());
        }
        return decoded.get();
    }

    /** The input tensor's shape for {@code rows} records: {@code [rows, ...]} as the model declares it. */
    long[] inputShape(int rows) {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = rows;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return shape;
    }

    /**
     * Scores {@code records} in one run: one float tensor of {@link #inputShape} rows, one prediction per row,
     * read as the library reads a float output (one column: a value; several: the highest-scoring class).
     */
    List<Prediction> score(List<Features> records) {
        int rows = records.size();
        FloatBuffer buffer = ByteBuffer.allocateDirect(rows * width * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (Features record : records) {
            if (record.size() != width) {
                throw new IllegalStateException("The model takes " + width + " values, the record has "
                        + record.size());
            }
            for (double value : record.values()) {
                buffer.put((float) value);
            }
        }
        buffer.rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, inputShape(rows));
             OrtSession.Result result = session.run(Map.of(input, tensor), Set.of(output))) {
            FloatBuffer scores = ((OnnxTensor) result.get(0)).getFloatBuffer();
            return predictions(scores, rows, scores.remaining() / rows);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not score " + rows + " records: " + e.getMessage(), e);
        }
    }

    private static List<Prediction> predictions(FloatBuffer scores, int rows, int columns) {
        List<Prediction> predictions = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            if (columns == 1) {
                predictions.add(Prediction.of(scores.get(r)));
                continue;
            }
            Map<String, Double> byClass = new LinkedHashMap<>();
            int best = 0;
            for (int c = 0; c < columns; c++) {
                float score = scores.get(r * columns + c);
                byClass.put(Integer.toString(c), (double) score);
                if (score > scores.get(r * columns + best)) {
                    best = c;
                }
            }
            predictions.add(Prediction.ofClass(best, Integer.toString(best), byClass));
        }
        return predictions;
    }

    /** The scored envelope of one record, as the adapters write it: the input as the bytes it arrived as. */
    byte[] envelope(Features record, byte[] arrived, Prediction prediction, long nanos,
                    ScoredRecord.Origin origin) {
        return SCORED.encode(new ScoredRecord<>(record,
                new ScoringResult.Scored<>(record.dataType(), prediction, model, nanos), System.currentTimeMillis(),
                origin), arrived);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing more to release
        } finally {
            options.close();
        }
    }
}
