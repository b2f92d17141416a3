package io.modelserving.kafkastreams.internal;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoredRecord;
import io.modelserving.http.ServingMetrics;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.OutputRouter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Loads models off the Kafka Streams threads, one at a time and in the order they were read, and keeps the
 * model-topic messages that failed for the task that writes them as dead letters.
 *
 * <p>One loader serves one Kafka Streams instance: the global thread submits, the loader's single thread
 * loads and swaps, and the stream threads wait on it only when a data type has no model at all yet.
 */
public final class ModelLoader<I, O> {

    /** Bad model messages kept for the dead-letter task; older ones are dropped from memory first. */
    static final int MAX_BAD_MODELS = 1_000;

    private final ModelProcessor<I, O> processor;
    private final ServingMetrics metrics;
    private final OutputRouter<I, O> router;
    // One worker that exists only while there is work: no thread to manage on shutdown.
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "modelserving-model-loader");
                thread.setDaemon(true);
                return thread;
            });
    private final Object monitor = new Object();
    private final Map<String, Integer> pending = new HashMap<>();
    private final Map<String, ModelDescriptor> lastSubmitted = new HashMap<>();
    private final Deque<BadModel> badModels = new ArrayDeque<>();

    public ModelLoader(ModelProcessor<I, O> processor, ServingMetrics metrics, OutputRouter<I, O> router) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.router = Objects.requireNonNull(router, "router");
    }

    public ModelProcessor<I, O> processor() {
        return processor;
    }

    /**
     * Queues a model for loading. A descriptor equal to the last one submitted for its data type is ignored, so a
     * restore that replays the topic and a scan of the restored store do not load the same model twice.
     */
    public void submit(ModelDescriptor descriptor, byte[] key, byte[] original, ScoredRecord.Origin origin) {
        String dataType = descriptor.dataType();
        synchronized (monitor) {
            if (descriptor.equals(lastSubmitted.get(dataType))) {
                return;
            }
            lastSubmitted.put(dataType, descriptor);
            pending.merge(dataType, 1, Integer::sum);
        }
        executor.execute(() -> load(descriptor, key, original, origin));
    }

    /** Queues the removal of a data type's model (a tombstone on the model topic), in order with the loads. */
    public void remove(String dataType) {
        synchronized (monitor) {
            lastSubmitted.remove(dataType);
        }
        executor.execute(() -> processor.remove(dataType));
    }

    /** Keeps a model message that does not decode, for the dead-letter task. */
    public void undecodable(byte[] key, byte[] original, ScoredRecord.Origin origin, String reason) {
        // Through the loader's queue, so bad models are kept in offset order with the rejected ones.
        BadModel bad = new BadModel(origin, key, router.undecodableModel(original, origin, reason));
        executor.execute(() -> keepBad(bad));
    }

    /**
     * Waits until {@code dataType} has a model. With {@code onlyWhileLoading}, stops waiting as soon as no load
     * of that data type is queued or running.
     *
     * @return whether it has a model now
     */
    public boolean awaitModel(String dataType, Duration timeout, boolean onlyWhileLoading) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (processor.currentModel(dataType).isEmpty()) {
                if (onlyWhileLoading && pending.getOrDefault(dataType, 0) == 0) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }

    /** True while a data type that has no model yet has a load queued or running (e.g. right after a restore). */
    public boolean loadingFirstModels() {
        synchronized (monitor) {
            return pending.entrySet().stream()
                    .anyMatch(e -> e.getValue() > 0 && processor.currentModel(e.getKey()).isEmpty());
        }
    }

    /** Whether any load is queued or running. */
    public boolean busy() {
        synchronized (monitor) {
            return pending.values().stream().anyMatch(count -> count > 0);
        }
    }

    /** The bad model messages read after the offsets {@code written} gives per model-topic partition. */
    public List<BadModel> badModelsAfter(ToLongFunction<Integer> written) {
        synchronized (monitor) {
            List<BadModel> result = new ArrayList<>();
            for (BadModel bad : badModels) {
                if (bad.origin().offset() > written.applyAsLong(bad.origin().partition())) {
                    result.add(bad);
                }
            }
            return result;
        }
    }

    private void load(ModelDescriptor descriptor, byte[] key, byte[] original, ScoredRecord.Origin origin) {
        ModelUpdate update = processor.update(descriptor);
        metrics.modelUpdate(update);
        if (!update.accepted() && origin != null) {
            OutputRecord out = router.rejectedModel(original, origin, update);
            keepBad(new BadModel(origin, key, out));
        }
        synchronized (monitor) {
            pending.merge(descriptor.dataType(), -1, Integer::sum);
            monitor.notifyAll();
        }
    }

    private void keepBad(BadModel bad) {
        synchronized (monitor) {
            badModels.addLast(bad);
            if (badModels.size() > MAX_BAD_MODELS) {
                badModels.removeFirst();
            }
        }
    }
}
