package io.modelserving.internal;

import io.modelserving.ServingStats;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** The serving state of one data type: its current model and its whole-life counters. */
public final class DataTypeSlot<I, O> {

    private final String dataType;
    private final AtomicReference<ServedModel<I, O>> current = new AtomicReference<>();
    private final LongAdder noModel = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private volatile String lastRejection = "";
    // Fair, so updates of this data type are applied in the order their callers arrived.
    private final Lock updates = new ReentrantLock(true);

    public DataTypeSlot(String dataType) {
        this.dataType = dataType;
    }

    /** The current model with a reference taken, or null when there is none. Release it when done. */
    public ServedModel<I, O> acquire() {
        while (true) {
            ServedModel<I, O> served = current.get();
            if (served == null || served.acquire()) {
                return served;
            }
            // Retired between the read and the acquire: the next read sees its successor.
        }
    }

    /** Held while a model for this data type is loaded and installed: one update of a data type at a time. */
    public Lock updateLock() {
        return updates;
    }

    public ServedModel<I, O> current() {
        return current.get();
    }

    /** Installs {@code next} and drops the processor's reference to the model it replaces. */
    public void swap(ServedModel<I, O> next) {
        ServedModel<I, O> previous = current.getAndSet(next);
        accepted.increment();
        if (previous != null) {
            previous.release();
        }
    }

    /** Removes the current model, closing it once no call uses it. */
    public void clear() {
        ServedModel<I, O> previous = current.getAndSet(null);
        if (previous != null) {
            previous.release();
        }
    }

    public void rejected(String reason) {
        rejected.increment();
        lastRejection = reason;
    }

    public void noModel() {
        noModel.increment();
    }

    public ServingStats snapshot() {
        ServedModel<I, O> served = current.get();
        if (served == null) {
            return new ServingStats(dataType, null, 0, 0, noModel.sum(), 0, 0, 0, accepted.sum(), rejected.sum(),
                    lastRejection);
        }
        return new ServingStats(dataType, served.info(), served.invocations(), served.failures(), noModel.sum(),
                served.totalNanos(), served.minNanos(), served.maxNanos(), accepted.sum(), rejected.sum(),
                lastRejection);
    }
}
