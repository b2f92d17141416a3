package io.modelserving.kafka;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelRole;
import io.modelserving.ModelSlotKey;
import io.modelserving.ModelUpdate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Applies model changes to a {@link ModelProcessor} off the engine's threads, one lane per data type, and decides
 * when a record must wait for a model (the no-model rule, {@link #mustWait}). The {@link ServingCore} uses one;
 * an engine wiring a stream with no Kafka records (e.g. a plain Akka Streams flow) may use one directly.
 *
 * <ul>
 *   <li>Within a data type changes apply in the order they arrive, whatever their roles (so a promotion follows
 *   the deployment it promotes). During the start-up restore only the newest waiting change of each role is kept,
 *   so a restore that replays many old versions loads at most the one running and the newest. Afterwards every change is applied (so every bad model is judged), up to {@link #MAX_WAITING} waiting
 *   per data type; past that the oldest waiting one is rejected unloaded, with a reason saying so.</li>
 *   <li>Data types load side by side on a few threads, so a slow or hung load holds up its own data type only
 *   (and only until the processor's load timeout rejects it).</li>
 *   <li>Records may wait for a load in progress: {@link #whenLoaded} completes when the data types named have
 *   nothing left to load. A wait that timed out is not repeated for the same load ({@link #gaveUp}).</li>
 * </ul>
 *
 * <pre>{@code
 * ModelLoading loading = new ModelLoading(processor, metrics::modelUpdated);
 * loading.markRestoreEnd();                        // nothing to restore
 * loading.submit(new ModelLoading.Change(descriptor.dataType(), descriptor, update -> { }));
 * }</pre>
 */
public final class ModelLoading implements AutoCloseable {

    /** Threads that load models of different data types side by side. */
    static final int LOADING_THREADS = 2;
    /** The most changes of one data type waiting to be applied once restored. */
    public static final int MAX_WAITING = 100;

    private final ModelProcessor<?, ?> processor;
    private final Consumer<ModelUpdate> onUpdate;
    private final ThreadPoolExecutor executor;
    private final Object lock = new Object();
    private final Map<String, Lane> lanes = new HashMap<>();
    // How many lanes run; read without the lock, so records skip it while no model loads (nearly always).
    private volatile int running;
    private long submitted;
    private long restoreEnd = Long.MAX_VALUE;
    private final CompletableFuture<Void> restoreLoaded = new CompletableFuture<>();

    public ModelLoading(ModelProcessor<?, ?> processor, Consumer<ModelUpdate> onUpdate) {
        this.processor = processor;
        this.onUpdate = onUpdate;
        this.executor = new ThreadPoolExecutor(LOADING_THREADS, LOADING_THREADS, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "modelserving-model-loader");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * A change of one data type's model in one role: load a descriptor, or retire the model (descriptor null).
     * {@code outcome} is told the update, or null when the change was superseded by a newer one or was a removal.
     */
    public record Change(String dataType, ModelRole role, ModelDescriptor descriptor,
                         Consumer<ModelUpdate> outcome) {

        /** Loads {@code descriptor} in its role; {@code outcome} as above. */
        public Change(String dataType, ModelDescriptor descriptor, Consumer<ModelUpdate> outcome) {
            this(dataType, descriptor == null ? ModelRole.PRIMARY : descriptor.role(), descriptor, outcome);
        }

        /** Retires the model of {@code slot}. */
        public static Change retire(ModelSlotKey slot) {
            return new Change(slot.dataType(), slot.role(), null, update -> { });
        }
    }

    /**
     * Queues a change. During the restore it supersedes any change of its data type still waiting (told null);
     * afterwards it queues behind them, and past {@link #MAX_WAITING} the oldest waiting load is rejected unloaded.
     */
    public void submit(Change change) {
        boolean start;
        Change overflow;
        List<Change> superseded = new ArrayList<>();
        synchronized (lock) {
            submitted++;
            Lane lane = lanes.computeIfAbsent(change.dataType(), Lane::new);
            if (restoreEnd == Long.MAX_VALUE) {
                lane.waiting.removeIf(entry -> {
                    boolean sameRole = entry.change().role() == change.role();
                    if (sameRole) {
                        superseded.add(entry.change());
                    }
                    return sameRole;
                });
            }
            lane.waiting.add(new Waiting(change, submitted));
            overflow = lane.waiting.size() > MAX_WAITING ? lane.waiting.poll().change() : null;
            start = !lane.running;
            if (start) {
                lane.running = true;
                running++;
            }
        }
        if (overflow != null) {
            reject(overflow);
        }
        superseded.forEach(old -> old.outcome().accept(null));
        if (start) {
            executor.execute(() -> drain(change.dataType()));
        }
    }

    private void reject(Change change) {
        if (change.descriptor() == null) {
            change.outcome().accept(null);
            return;
        }
        ModelUpdate rejected = new ModelUpdate(false, change.descriptor().info(processor.clock().instant()),
                "not loaded: more than " + MAX_WAITING + " model messages of data type '" + change.dataType()
                        + "' were waiting to load");
        onUpdate.accept(rejected);
        change.outcome().accept(rejected);
    }

    /**
     * Marks the end of the start-up restore: the changes submitted so far are the restored ones. Until they are
     * applied, {@link #restoring()} holds. Only the first call counts.
     */
    public void markRestoreEnd() {
        synchronized (lock) {
            if (restoreEnd != Long.MAX_VALUE) {
                return;
            }
            restoreEnd = submitted;
            settleRestore();
        }
    }

    /** Completes once every change submitted before {@link #markRestoreEnd()} has been applied. */
    public CompletableFuture<Void> restoreLoaded() {
        return restoreLoaded;
    }

    /** True from the start until every restored change has been applied. */
    public boolean restoring() {
        return !restoreLoaded().isDone();
    }

    /** Whether a change of {@code dataType} is waiting or being applied, and no wait for it has timed out. */
    public boolean loading(String dataType) {
        if (running == 0) {
            return false;
        }
        synchronized (lock) {
            Lane lane = lanes.get(dataType);
            return lane != null && lane.running && !lane.gaveUp;
        }
    }

    /**
     * The no-model rule: whether a record of {@code dataType} must wait before it is scored. During the start-up
     * restore, while a restored model of its data type loads; afterwards, under {@link NoModelPolicy#WAIT}, while
     * its data type has no model and one is loading right now. Never for a data type nobody published a model
     * for, nor once a wait for the same load has timed out.
     */
    public boolean mustWait(String dataType, NoModelPolicy policy) {
        return dataType != null && loading(dataType) && (restoring()
                || (policy == NoModelPolicy.WAIT && processor.currentModel(dataType).isEmpty()));
    }

    /** The data types among {@code dataTypes} (nulls allowed) whose records must wait, by {@link #mustWait}. */
    public Set<String> mustWaitFor(Iterable<String> dataTypes, NoModelPolicy policy) {
        if (running == 0) {
            return Set.of();
        }
        Set<String> waiting = new LinkedHashSet<>();
        for (String dataType : dataTypes) {
            if (!waiting.contains(dataType) && mustWait(dataType, policy)) {
                waiting.add(dataType);
            }
        }
        return waiting;
    }

    /**
     * Blocks until none of {@code dataTypes} is loading, for at most {@code timeout}; for engines that wait on
     * their own thread.
     *
     * @return false when the wait timed out (then {@link #gaveUp} has been called)
     */
    public boolean awaitLoaded(Set<String> dataTypes, Duration timeout) throws InterruptedException {
        try {
            whenLoaded(dataTypes).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            gaveUp(dataTypes);
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Whether any change is waiting or being applied. */
    public boolean busy() {
        synchronized (lock) {
            return lanes.values().stream().anyMatch(lane -> lane.running);
        }
    }

    /** Completes when none of {@code dataTypes} has a change left to apply (at once if none has). */
    public CompletableFuture<Void> whenLoaded(Collection<String> dataTypes) {
        synchronized (lock) {
            List<CompletableFuture<Void>> pending = dataTypes.stream().map(lanes::get)
                    .filter(lane -> lane != null && lane.running).map(lane -> lane.idle).toList();
            return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        }
    }

    /** Records a timed-out wait: records of these data types no longer wait for their current loads. */
    public void gaveUp(Collection<String> dataTypes) {
        synchronized (lock) {
            dataTypes.stream().map(lanes::get).filter(lane -> lane != null && lane.running)
                    .forEach(lane -> lane.gaveUp = true);
        }
    }

    private void drain(String dataType) {
        while (true) {
            Change change;
            synchronized (lock) {
                Lane lane = lanes.get(dataType);
                Waiting next = lane.waiting.poll();
                change = next == null ? null : next.change();
                if (change == null) {
                    lane.running = false;
                    running--;
                    lanes.remove(dataType);
                    lane.idle.complete(null);
                    settleRestore();
                    return;
                }
                lane.applyingSeq = next.seq();
            }
            try {
                apply(change);
            } finally {
                // Whatever apply throws, the lane moves on: a failed change never leaves its data type "loading".
                synchronized (lock) {
                    lanes.get(dataType).applyingSeq = Long.MAX_VALUE;
                    settleRestore();
                }
            }
        }
    }

    private void apply(Change change) {
        try {
            if (change.descriptor() == null) {
                processor.retire(change.dataType(), change.role());
                change.outcome().accept(null);
                return;
            }
            ModelUpdate update = processor.update(change.descriptor());
            onUpdate.accept(update);
            change.outcome().accept(update);
        } catch (RuntimeException | Error e) {
            // The processor never throws for a bad model; this is a bug or a closed processor. Keep loading others.
            LoggerFactory.getLogger(ModelLoading.class)
                    .error("Applying a model change of data type '{}' failed", change.dataType(), e);
        }
    }

    // Under lock: the restore is loaded when no lane holds a change submitted before its end.
    private void settleRestore() {
        if (restoreLoaded.isDone() || restoreEnd == Long.MAX_VALUE) {
            return;
        }
        boolean pending = lanes.values().stream().anyMatch(lane -> lane.applyingSeq <= restoreEnd
                || (!lane.waiting.isEmpty() && lane.waiting.peek().seq() <= restoreEnd));
        if (!pending) {
            restoreLoaded.complete(null);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private record Waiting(Change change, long seq) {
    }

    private static final class Lane {
        final CompletableFuture<Void> idle = new CompletableFuture<>();
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        long applyingSeq = Long.MAX_VALUE;
        boolean running;
        boolean gaveUp;

        Lane(String dataType) {
        }
    }
}
