package io.modelserving;

import io.modelserving.internal.CanaryRoutes;
import io.modelserving.internal.DataTypeSlot;
import io.modelserving.internal.EnsembleCall;
import io.modelserving.internal.MemberCalls;
import io.modelserving.internal.SafeScoring;
import io.modelserving.internal.ServedEnsemble;
import io.modelserving.internal.ServedModel;
import io.modelserving.internal.ShadowCall;
import io.modelserving.internal.ShadowRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntToLongFunction;

/**
 * Scores records with the models of their data type, as held by a {@link ModelProcessor}: the primary, or the
 * canary for the share of keys it takes, with the shadow (if any) scoring beside; where the data type has an
 * {@linkplain Ensemble ensemble}, the records the primary serves are scored by the primary and the ensemble's
 * members at once, and its decider picks each served result.
 *
 * <p>Every call returns a value: {@link ScoringResult.Scored}, {@link ScoringResult.Failed} with the reason,
 * or {@link ScoringResult.NoModel}. A model that throws, returns null or breaks never escapes as an exception,
 * so a stream that scores records cannot be killed by one of them. A NaN or infinite result is a failure too,
 * unless the processor was built with {@link ModelProcessor.Builder#allowNonFiniteResults()}. Safe from many
 * threads at once.
 *
 * <p>A data type's shadow scores the same records on threads of its own while the served model scores them;
 * a record waits for it at most the {@linkplain ModelProcessor.Builder#shadowDeadline shadow deadline} after its
 * own result, and never gets a different result because of it.
 *
 * <pre>{@code
 * Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);
 * ScoredRecord<Features, Prediction> scored = scorer.scoreRecord(features);
 * }</pre>
 */
public final class Scorer<I, O> {

    private final ModelProcessor<I, O> processor;
    private final Function<? super I, String> dataTypeOf;
    private final Clock clock;
    private final SafeScoring<I, O> scoring;
    private final ResultComparison<O> comparison;
    private final ShadowRunner shadowRunner;
    private final Duration shadowDeadline;
    private final MemberCalls memberCalls;

    Scorer(ModelProcessor<I, O> processor, Function<? super I, String> dataTypeOf, Clock clock, boolean checkFinite,
           ResultComparison<O> comparison, ShadowRunner shadowRunner, Duration shadowDeadline,
           MemberCalls memberCalls) {
        this.processor = processor;
        this.dataTypeOf = dataTypeOf;
        this.clock = clock;
        this.scoring = new SafeScoring<>(checkFinite);
        this.comparison = comparison;
        this.shadowRunner = shadowRunner;
        this.shadowDeadline = shadowDeadline;
        this.memberCalls = memberCalls;
    }

    /** Scores one record. */
    public ScoringResult<O> score(I record) {
        return pin(List.of(record)).score().get(0);
    }

    /** Scores one record and wraps it with its result, its shadow's, its ensemble's decision and the time. */
    public ScoredRecord<I, O> scoreRecord(I record) {
        Pinned pinned = pin(List.of(record));
        ScoringResult<O> result = pinned.score().get(0);
        return new ScoredRecord<>(record, result, clock.millis(), null, pinned.shadows().get(0),
                pinned.ensembles().get(0));
    }

    /**
     * Scores several records, one result per record in the same order. Records of one data type and model go to
     * its {@link Model#scoreBatch} in one call; if that call fails (or returns a null or the wrong number of
     * results), each record is scored on its own, so one bad record fails alone.
     */
    public List<ScoringResult<O>> scoreBatch(List<I> records) {
        return pin(records).score();
    }

    /**
     * Takes the models of each data type among {@code records} now, to score them later with exactly those
     * models, e.g. on another thread. Batches pinned one after another in one thread never see models go
     * backwards, whichever is scored first: a stream that scores batches in parallel keeps each partition's
     * records in model order. Score the batch (or close it) exactly once, or the models it holds are never closed.
     * A canary takes records by their {@link Object#hashCode()}; see {@link #pin(List, long[])}.
     */
    public Pinned pin(List<I> records) {
        return new Pinned(records, null);
    }

    /**
     * As {@link #pin(List)}, with each record's route: a hash of its key ({@link #route(byte[])}) by which a
     * canary takes a stable share of keys.
     *
     * @throws IllegalArgumentException when there is not one route per record
     */
    public Pinned pin(List<I> records, long[] routes) {
        if (routes.length != records.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + routes.length + " routes");
        }
        return new Pinned(records, index -> routes[index]);
    }

    /**
     * As {@link #pin(List, long[])}, with the route of the record at each index computed by {@code routeOf} only
     * when a canary asks for it: a batch of data types without a canary hashes no key.
     */
    public Pinned pin(List<I> records, IntToLongFunction routeOf) {
        return new Pinned(records, Objects.requireNonNull(routeOf, "routeOf"));
    }

    /** The route of a record with key {@code key}: the same on every instance and after every restart. */
    public static long route(byte[] key) {
        return CanaryRoutes.route(key);
    }

    /** Whether a canary serving {@code percent} of the keys takes a record of {@code route}. */
    public static boolean canaryTakes(long route, double percent) {
        return CanaryRoutes.takes(route, percent);
    }

    /** Records and the models pinned for them; see {@link #pin}. */
    public final class Pinned implements AutoCloseable {
        private final List<I> records;
        private final ScoringResult<O>[] results;
        private final ShadowResult<O>[] shadows;
        private final EnsembleResult[] ensembles;
        private final Map<String, Group> groups = new LinkedHashMap<>();
        private boolean done;

        @SuppressWarnings("unchecked")
        private Pinned(List<I> records, IntToLongFunction routes) {
            this.records = records;
            this.results = new ScoringResult[records.size()];
            this.shadows = new ShadowResult[records.size()];
            this.ensembles = new EnsembleResult[records.size()];
            for (int i = 0; i < records.size(); i++) {
                String dataType = dataTypeOf(records.get(i));
                if (dataType == null) {
                    results[i] = new ScoringResult.Failed<>("", "record has no data type", null, 0);
                } else {
                    groups.computeIfAbsent(dataType, Group::new).indexes.add(i);
                }
            }
            groups.values().forEach(group -> group.pin(routes));
        }

        /** Scores the records with the pinned models, one result per record in order, and releases them. */
        public List<ScoringResult<O>> score() {
            if (done) {
                throw new IllegalStateException("this batch was scored or closed already");
            }
            try {
                groups.values().forEach(Group::startShadow);
                groups.values().forEach(Group::score);
                long deadline = System.nanoTime() + shadowDeadline.toNanos();
                groups.values().forEach(group -> group.collectShadow(deadline));
                return Arrays.asList(results);
            } finally {
                close();
            }
        }

        /**
         * What the shadow made of each record, in order, after {@link #score()}: null for a record whose data type
         * has no shadow, or that no model served.
         */
        public List<ShadowResult<O>> shadows() {
            return Arrays.asList(shadows);
        }

        /**
         * How the ensemble decided each record, in order, after {@link #score()}: null for a record that no
         * ensemble scored.
         */
        public List<EnsembleResult> ensembles() {
            return Arrays.asList(ensembles);
        }

        /** Releases the pinned models without scoring. */
        @Override
        public void close() {
            if (!done) {
                done = true;
                groups.values().forEach(Group::release);
            }
        }

        /** One data type's records and the models pinned for them. */
        private final class Group {
            final String dataType;
            final List<Integer> indexes = new ArrayList<>();
            final List<Integer> primaryIndexes = new ArrayList<>();
            final List<Integer> canaryIndexes = new ArrayList<>();
            ServedModel<I, O> primary;
            ServedModel<I, O> canary;
            ServedModel<I, O> shadow;
            ServedEnsemble<I, O> ensemble;
            ShadowCall<I, O> shadowCall;

            Group(String dataType) {
                this.dataType = dataType;
            }

            void pin(IntToLongFunction routes) {
                DataTypeSlot<I, O> slot = processor.slotForScoring(dataType);
                if (slot != null) {
                    primary = slot.acquire(ModelRole.PRIMARY);
                    canary = slot.acquire(ModelRole.CANARY);
                    ensemble = slot.acquireEnsemble();
                }
                boolean served = primary != null || ensemble != null;
                if (canary == null && served) {
                    primaryIndexes.addAll(indexes);   // the usual case: nothing to route
                } else {
                    for (int index : indexes) {
                        if (canary != null && CanaryRoutes.takes(route(routes, index), canary.canaryPercent())) {
                            canaryIndexes.add(index);
                        } else if (served) {
                            primaryIndexes.add(index);
                        } else {
                            if (slot != null) {
                                slot.noModel();
                            }
                            results[index] = new ScoringResult.NoModel<>(dataType);
                        }
                    }
                }
                if (slot != null && (!primaryIndexes.isEmpty() || !canaryIndexes.isEmpty())) {
                    shadow = slot.acquire(ModelRole.SHADOW);
                }
            }

            private long route(IntToLongFunction routes, int index) {
                return routes != null ? routes.applyAsLong(index)
                        : CanaryRoutes.route(Objects.hashCode(records.get(index)));
            }

            void startShadow() {
                if (shadow != null) {
                    List<Integer> shadowed = new ArrayList<>(primaryIndexes);
                    shadowed.addAll(canaryIndexes);
                    shadowCall = new ShadowCall<>(dataType, shadow, shadowed, records, scoring, shadowRunner,
                            shadowDeadline);
                    shadow = null;   // the call holds its reference now
                }
            }

            void score() {
                if (ensemble == null) {
                    scoreWith(primary, primaryIndexes);
                } else if (!primaryIndexes.isEmpty()) {
                    scoreWithEnsemble();
                }
                scoreWith(canary, canaryIndexes);
            }

            private void scoreWithEnsemble() {
                List<ServedModel<I, O>> members = new ArrayList<>(ensemble.members().size() + 1);
                if (primary != null) {
                    members.add(primary);
                }
                members.addAll(ensemble.members());
                EnsembleCall.Outcome<O> outcome = new EnsembleCall<>(dataType, ensemble, members).run(
                        recordsAt(primaryIndexes, records), (model, group) -> scoring.score(model, dataType, group),
                        memberCalls);
                for (int i = 0; i < primaryIndexes.size(); i++) {
                    results[primaryIndexes.get(i)] = outcome.results().get(i);
                    ensembles[primaryIndexes.get(i)] = outcome.decisions().get(i);
                }
            }

            private void scoreWith(ServedModel<I, O> served, List<Integer> at) {
                if (served == null || at.isEmpty()) {
                    return;
                }
                List<ScoringResult<O>> scored = scoring.score(served, dataType, recordsAt(at, records));
                for (int i = 0; i < at.size(); i++) {
                    results[at.get(i)] = scored.get(i);
                }
            }

            void collectShadow(long deadlineNanos) {
                if (shadowCall != null) {
                    shadowCall.collect(deadlineNanos, results, shadows, comparison);
                }
            }

            void release() {
                for (ServedModel<I, O> served : Arrays.asList(primary, canary, shadow)) {
                    if (served != null) {
                        served.release();
                    }
                }
                if (ensemble != null) {
                    ensemble.release();
                }
                primary = null;
                canary = null;
                shadow = null;
                ensemble = null;
            }
        }
    }

    private List<I> recordsAt(List<Integer> indexes, List<I> records) {
        List<I> group = new ArrayList<>(indexes.size());
        indexes.forEach(index -> group.add(records.get(index)));
        return group;
    }

    private String dataTypeOf(I record) {
        try {
            return record == null ? null : dataTypeOf.apply(record);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
