package io.modelserving.internal;

import io.modelserving.CandidateStats;
import io.modelserving.ModelRole;
import io.modelserving.ServingStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** The serving state of one data type: its model in each role and its whole-life counters. */
public final class DataTypeSlot<I, O> {

    private final String dataType;
    private final Map<ModelRole, AtomicReference<ServedModel<I, O>>> models = new EnumMap<>(ModelRole.class);
    private final AtomicReference<ServedEnsemble<I, O>> ensemble = new AtomicReference<>();
    private final LongAdder noModel = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private volatile String lastRejection = "";
    // Fair, so updates of this data type are applied in the order their callers arrived.
    private final Lock updates = new ReentrantLock(true);

    public DataTypeSlot(String dataType) {
        this.dataType = dataType;
        for (ModelRole role : ModelRole.values()) {
            models.put(role, new AtomicReference<>());
        }
    }

    /** The primary model with a reference taken, or null when there is none. Release it when done. */
    public ServedModel<I, O> acquire() {
        return acquire(ModelRole.PRIMARY);
    }

    /** The model in {@code role} with a reference taken, or null when there is none. Release it when done. */
    public ServedModel<I, O> acquire(ModelRole role) {
        AtomicReference<ServedModel<I, O>> current = models.get(role);
        while (true) {
            ServedModel<I, O> served = current.get();
            if (served == null || served.acquire()) {
                return served;
            }
            // Retired between the read and the acquire: the next read sees its successor.
        }
    }

    /** The ensemble with a reference taken on each member, or null when there is none. Release it when done. */
    public ServedEnsemble<I, O> acquireEnsemble() {
        while (true) {
            ServedEnsemble<I, O> served = ensemble.get();
            if (served == null || served.acquire()) {
                return served;
            }
        }
    }

    public ServedEnsemble<I, O> ensemble() {
        return ensemble.get();
    }

    /** Installs {@code next} as the ensemble and drops the processor's references to the one it replaces. */
    public void swap(ServedEnsemble<I, O> next) {
        ServedEnsemble<I, O> previous = ensemble.getAndSet(next);
        accepted.increment();
        if (previous != null) {
            previous.release();
        }
    }

    /** Held while a model for this data type is loaded and installed: one update of a data type at a time. */
    public Lock updateLock() {
        return updates;
    }

    /** The primary model. */
    public ServedModel<I, O> current() {
        return current(ModelRole.PRIMARY);
    }

    public ServedModel<I, O> current(ModelRole role) {
        return models.get(role).get();
    }

    /** Installs {@code next} in its role and drops the processor's reference to the model it replaces. */
    public void swap(ServedModel<I, O> next) {
        ServedModel<I, O> previous = models.get(next.info().role()).getAndSet(next);
        accepted.increment();
        if (previous != null) {
            previous.release();
        }
    }

    /** Removes the model in {@code role}, closing it once no call uses it. */
    public void clear(ModelRole role) {
        if (role == ModelRole.ENSEMBLE) {
            ServedEnsemble<I, O> previous = ensemble.getAndSet(null);
            if (previous != null) {
                previous.release();
            }
            return;
        }
        ServedModel<I, O> previous = models.get(role).getAndSet(null);
        if (previous != null) {
            previous.release();
        }
    }

    /** Removes the models of every role. */
    public void clear() {
        for (ModelRole role : ModelRole.values()) {
            clear(role);
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
        List<CandidateStats> candidates = new ArrayList<>();
        for (ModelRole role : List.of(ModelRole.SHADOW, ModelRole.CANARY)) {
            ServedModel<I, O> candidate = current(role);
            if (candidate != null) {
                candidates.add(candidate.candidateStats());
            }
        }
        ServedEnsemble<I, O> members = ensemble();
        if (members != null) {
            members.members().forEach(member -> candidates.add(member.candidateStats()));
        }
        ServedModel<I, O> served = current();
        if (served == null) {
            return new ServingStats(dataType, null, 0, 0, noModel.sum(), 0, 0, 0, accepted.sum(), rejected.sum(),
                    lastRejection, candidates);
        }
        return new ServingStats(dataType, served.info(), served.invocations(), served.failures(), noModel.sum(),
                served.totalNanos(), served.minNanos(), served.maxNanos(), accepted.sum(), rejected.sum(),
                lastRejection, candidates);
    }
}
