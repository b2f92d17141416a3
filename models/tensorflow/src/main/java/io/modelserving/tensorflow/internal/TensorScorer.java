package io.modelserving.tensorflow.internal;

import io.modelserving.Features;
import io.modelserving.ModelServingException;
import io.modelserving.Prediction;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Runs a batch of records through one float32 input and one float32 output of a TensorFlow session. A record's
 * numeric values, in order, fill one row; a record with categorical features is refused.
 *
 * <p>Thread-safe: TensorFlow sessions run concurrently. A read-write lock keeps {@link #close()} from freeing
 * the native session under a running call, so misuse gives an exception, never a JVM crash.
 */
public final class TensorScorer implements AutoCloseable {

    private final Session session;
    private final AutoCloseable resources;
    private final String input;
    private final String output;
    private final int featureCount;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * @param session      the session to run
     * @param resources    closes the session and what it runs (its graph, or the SavedModel bundle)
     * @param input        the input tensor name ({@code op} or {@code op:index})
     * @param output       the output tensor name
     * @param featureCount the features per record; 0 when the model does not say
     */
    public TensorScorer(Session session, AutoCloseable resources, String input, String output, int featureCount) {
        this.session = session;
        this.resources = resources;
        this.input = input;
        this.output = output;
        this.featureCount = featureCount;
    }

    /** Features per record; 0 when unknown (then each batch must agree with itself and with the graph). */
    public int featureCount() {
        return featureCount;
    }

    /** Scores the records in one session run, one prediction per record in order. */
    public List<Prediction> score(List<Features> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        float[] batch = flatten(records);
        int width = batch.length / records.size();
        lock.readLock().lock();
        try {
            if (closed) {
                throw new ModelServingException("TensorFlow model is closed");
            }
            return run(batch, records.size(), width, true);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Scores one all-zero record, so that a model whose graph cannot compute is rejected when it loads
     * rather than on every record. Does nothing when the feature count is unknown. Call it before the model is
     * shared.
     */
    public void probe() {
        if (featureCount > 0) {
            // NaN is allowed here: zeros may be outside a model's domain (a log, say) without it being broken.
            run(new float[featureCount], 1, featureCount, false);
        }
    }

    private float[] flatten(List<Features> records) {
        int width = featureCount > 0 ? featureCount : records.get(0).size();
        float[] batch = new float[records.size() * width];
        for (int row = 0; row < records.size(); row++) {
            Features record = records.get(row);
            if (record.hasCategorical()) {
                throw new ModelServingException(categorical(records.size(), row, record));
            }
            if (record.size() != width) {
                throw new ModelServingException(mismatch(records.size(), row, record.size(), width));
            }
            for (int i = 0; i < width; i++) {
                batch[row * width + i] = (float) record.value(i);
            }
        }
        return batch;
    }

    private static String which(int batchSize, int row) {
        return batchSize == 1 ? "Record" : "Record " + row + " of the batch";
    }

    // Reading the values in order would drop the categories without a word.
    private String categorical(int batchSize, int row, Features record) {
        String shape = "[?, " + (featureCount > 0 ? Integer.toString(featureCount) : "?") + "]";
        return which(batchSize, row) + " has categorical features " + record.categorical().keySet()
                + ", which the TensorFlow model cannot take: it takes numeric tensors only (input '" + input
                + "': float32 " + shape + "); encode them as numbers in your codec, or serve the model as PMML";
    }

    private String mismatch(int batchSize, int row, int size, int width) {
        String which = which(batchSize, row);
        String expected = featureCount > 0 ? "the model's input '" + input + "' takes " + width
                : "the batch's first record has " + width;
        return which + " has " + size + " features, but " + expected;
    }

    private List<Prediction> run(float[] batch, int rows, int width, boolean rejectNaN) {
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(rows, width), DataBuffers.of(batch, true, false));
             Result result = session.runner().feed(input, in).fetch(output).run()) {
            return OutputReader.predictions(result.get(0), rows, output, rejectNaN);
        } catch (ModelServingException e) {
            throw e;
        } catch (RuntimeException e) {
            // TensorFlow reports shape and type mismatches as exceptions; say which records they concern.
            throw new ModelServingException("TensorFlow could not score " + rows + " record(s) of " + width
                    + " features: " + e.getMessage(), e);
        }
    }

    /** Closes the session and what it runs once running calls have returned; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            resources.close();
        } catch (Exception e) {
            throw new ModelServingException("Closing the TensorFlow model failed: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
