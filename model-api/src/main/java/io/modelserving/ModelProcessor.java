package io.modelserving;

import io.modelserving.internal.DataTypeSlot;
import io.modelserving.internal.Failures;
import io.modelserving.internal.Fingerprints;
import io.modelserving.internal.MemberCalls;
import io.modelserving.internal.ModelLoader;
import io.modelserving.internal.ServedEnsemble;
import io.modelserving.internal.ServedModel;
import io.modelserving.internal.ShadowRunner;
import io.modelserving.spi.ModelFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current model for each data type and swaps in new ones. (Not a Kafka Streams
 * {@code Processor}: it is engine-neutral, and both adapters wrap it.)
 *
 * <p>Besides its primary model, a data type may have a shadow and a canary ({@link ModelRole}), each deployed by
 * a descriptor of that role and retired with {@link #retire}. A primary descriptor of the same model as the
 * shadow or canary promotes it: the loaded model changes role at once, and is not loaded again. A data type may
 * also have an {@link Ensemble}, whose members score beside the primary and whose decider picks the served result.
 *
 * <p>{@link #update} loads a new model to the side: it finds the {@link ModelFactory} for the descriptor's
 * model type, checks the content against {@link ModelLimits}, creates the model and warms it up on a sample
 * record when one is configured. Only then is the model swapped in, atomically: every record is scored
 * entirely by the old model or entirely by the new one, never by a half-loaded one. The old model is closed
 * once the calls still running on it have returned. A model that fails any step is rejected with its reason,
 * counted, and the current model stays. Creating and warming up a model must finish within the
 * {@linkplain Builder#loadTimeout load timeout}: a model that takes longer is rejected, and closed if its
 * loading ever finishes.
 *
 * <p>Scoring ({@link Scorer}) and updating are safe from many threads at once. Updates of one data type are
 * applied one at a time, in the order they are called; updates of different data types do not wait for each
 * other. {@link #close} does not wait for a model that is still loading.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
 *         .limits(ModelLimits.defaults().withMaxModelBytes(50_000_000))
 *         .build();                                 // factories found with ServiceLoader
 * ModelUpdate update = processor.update(descriptor);
 * if (!update.accepted()) log.warn("model rejected: {}", update.reason());
 * Scorer<Features, Prediction> scorer = processor.scorer(Features::dataType);
 * }</pre>
 *
 * @param <I> the record type scored
 * @param <O> the result type
 */
public final class ModelProcessor<I, O> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelProcessor.class);

    /** The most data types whose records are tracked without a model ever having been offered for them. */
    static final int MAX_DATA_TYPES = 10_000;

    /** How long a record waits, at most, for its shadow's result after its own, unless set otherwise. */
    public static final Duration DEFAULT_SHADOW_DEADLINE = Duration.ofMillis(100);

    /**
     * How many shadow calls may run at once unless set otherwise: one per core, at least two, so that every
     * stream thread of a typical deployment can have its batch shadowed.
     */
    public static final int DEFAULT_SHADOW_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /**
     * How many calls each ensemble member may have running at once unless set otherwise: as many as shadow
     * threads, for the same reason.
     */
    public static final int DEFAULT_CALLS_PER_MEMBER = DEFAULT_SHADOW_THREADS;

    /** How long creating and warming up one model may take unless {@link Builder#loadTimeout} says otherwise. */
    public static final Duration DEFAULT_LOAD_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, ModelFactory> factories;
    private final Consumer<ModelUpdate> listener;
    private final Clock clock;
    private final boolean allowNonFiniteResults;
    private final ResultComparison<O> comparison;
    private final Duration shadowDeadline;
    private final ShadowRunner shadowRunner;
    private final ModelLoader<I, O> loader;
    private final MemberCalls memberCalls;
    private final ConcurrentHashMap<String, DataTypeSlot<I, O>> slots = new ConcurrentHashMap<>();
    // Held only to install a model or to close: a swap never lands in a closed processor.
    private final Object swapLock = new Object();
    private volatile boolean closed;

    private ModelProcessor(Builder<I, O> builder) {
        this.factories = builder.factories;
        this.listener = builder.listener;
        this.clock = builder.clock;
        this.allowNonFiniteResults = builder.allowNonFiniteResults;
        this.comparison = builder.comparison;
        this.shadowDeadline = builder.shadowDeadline;
        this.shadowRunner = new ShadowRunner(builder.shadowThreads);
        this.loader = new ModelLoader<>(builder.factories, builder.limits, builder.warmUpRecord, builder.loadTimeout,
                builder.deciders());
        this.memberCalls = new MemberCalls(builder.callsPerMember);
    }

    public static <I, O> Builder<I, O> builder() {
        return new Builder<>();
    }

    /**
     * Loads, checks and warms up the model, then makes it current for its data type. Blocks while the model
     * loads, behind any earlier update of the same data type, at most the load timeout for its own load; call
     * it off any thread whose latency matters.
     *
     * @return accepted, or rejected with the reason; never throws for a bad or slow model
     * @throws IllegalStateException when the processor is closed
     */
    public ModelUpdate update(ModelDescriptor descriptor) {
        Objects.requireNonNull(descriptor, "descriptor");
        if (closed) {
            throw new IllegalStateException("ModelProcessor is closed");
        }
        DataTypeSlot<I, O> slot = slot(descriptor.dataType());
        Lock lock = slot.updateLock();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("ModelProcessor is closed");
            }
            ModelInfo info = descriptor.info(clock.instant());
            ModelUpdate outcome;
            try {
                if (!descriptor.role().serves()) {
                    throw new ModelServingException("a " + descriptor.role().label() + " model is kept for a "
                            + "rollback, never loaded");
                }
                ModelRole promotedFrom = promoted(slot, descriptor, info);
                if (descriptor.role() == ModelRole.ENSEMBLE) {
                    install(slot, loader.loadEnsemble(descriptor, info));
                    LOG.info("Ensemble {} of {} members now scores data type '{}' beside its primary, decider {}",
                            info.label(), descriptor.ensemble().members().size(), info.dataType(),
                            descriptor.ensemble().decider());
                } else if (promotedFrom == null) {
                    String fingerprint = descriptor.role() == ModelRole.PRIMARY ? "" : Fingerprints.of(descriptor);
                    Model<I, O> model = loader.load(descriptor, "model " + info.label());
                    install(slot, new ServedModel<>(model, info, descriptor.canaryPercent(), fingerprint));
                    LOG.info("Model {} ({}) now serves data type '{}'{}", info.label(), info.modelType(),
                            info.dataType(), descriptor.role() == ModelRole.PRIMARY ? "" : " as its "
                                    + descriptor.role().label());
                } else {
                    LOG.info("Model {} promoted from {} to primary of data type '{}'", info.label(),
                            promotedFrom.label(), info.dataType());
                }
                outcome = ModelUpdate.accepted(info);
            } catch (Throwable t) {
                Failures.rethrowIfFatal(t);
                String reason = Failures.reason(t);
                slot.rejected(reason);
                outcome = ModelUpdate.rejected(info, reason);
                LOG.warn("Model {} for data type '{}' rejected, current model kept: {}", info.label(),
                        info.dataType(), reason);
            }
            listener.accept(outcome);
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops serving {@code dataType} in every role, after any update of that data type already under way.
     */
    public void remove(String dataType) {
        withSlot(dataType, DataTypeSlot::clear);
    }

    /**
     * Retires the model in {@code role} of {@code dataType} (for example on a tombstone of its model-topic key),
     * after any update of that data type already under way; the other roles keep their models. Retiring the
     * primary leaves records that no canary takes with no model.
     */
    public void retire(String dataType, ModelRole role) {
        Objects.requireNonNull(role, "role");
        withSlot(dataType, slot -> slot.clear(role));
    }

    private void withSlot(String dataType, Consumer<DataTypeSlot<I, O>> change) {
        DataTypeSlot<I, O> slot = slots.get(dataType);
        if (slot == null) {
            return;
        }
        slot.updateLock().lock();
        try {
            change.accept(slot);
        } finally {
            slot.updateLock().unlock();
        }
    }

    /** A scorer that routes each record to the current model of the data type {@code dataTypeOf} names. */
    public Scorer<I, O> scorer(Function<? super I, String> dataTypeOf) {
        return new Scorer<>(this, dataTypeOf, clock, !allowNonFiniteResults, comparison, shadowRunner,
                shadowDeadline, memberCalls);
    }

    /** The clock that dates model updates and scored records. */
    public Clock clock() {
        return clock;
    }

    public Optional<ModelInfo> currentModel(String dataType) {
        DataTypeSlot<I, O> slot = slots.get(dataType);
        ServedModel<I, O> served = slot == null ? null : slot.current();
        return served == null ? Optional.empty() : Optional.of(served.info());
    }

    /** The inputs and outputs of a data type's current model; empty without one, or when its format does not say. */
    public Optional<ModelSignature> signature(String dataType) {
        DataTypeSlot<I, O> slot = slots.get(dataType);
        ServedModel<I, O> served = slot == null ? null : slot.current();
        return served == null ? Optional.empty() : served.model().signature();
    }

    /**
     * The shadow, canary and ensemble member models of every data type that has any, by data type;
     * {@link ModelInfo#role()} says which is which. The primary models are {@link #currentModels()}.
     */
    public Map<String, List<ModelInfo>> candidateModels() {
        Map<String, List<ModelInfo>> models = new TreeMap<>();
        slots.forEach((dataType, slot) -> {
            List<ModelInfo> candidates = new ArrayList<>();
            for (ModelRole role : List.of(ModelRole.SHADOW, ModelRole.CANARY)) {
                ServedModel<I, O> served = slot.current(role);
                if (served != null) {
                    candidates.add(served.info());
                }
            }
            ServedEnsemble<I, O> ensemble = slot.ensemble();
            if (ensemble != null) {
                ensemble.members().forEach(member -> candidates.add(member.info()));
            }
            if (!candidates.isEmpty()) {
                models.put(dataType, candidates);
            }
        });
        return models;
    }

    /** The current (primary) model of every data type that has one, by data type. */
    public Map<String, ModelInfo> currentModels() {
        Map<String, ModelInfo> models = new TreeMap<>();
        slots.forEach((dataType, slot) -> {
            ServedModel<I, O> served = slot.current();
            if (served != null) {
                models.put(dataType, served.info());
            }
        });
        return models;
    }

    /** Stats of one data type; empty counters for a data type never seen. */
    public ServingStats stats(String dataType) {
        DataTypeSlot<I, O> slot = slots.get(dataType);
        return slot == null ? new DataTypeSlot<I, O>(dataType).snapshot() : slot.snapshot();
    }

    /** Stats of every data type seen, by data type. */
    public Map<String, ServingStats> stats() {
        Map<String, ServingStats> stats = new TreeMap<>();
        slots.forEach((dataType, slot) -> stats.put(dataType, slot.snapshot()));
        return stats;
    }

    /** The model types this processor can load. */
    public List<String> modelTypes() {
        return new ArrayList<>(factories.keySet());
    }

    /**
     * Closes every current model once its running calls return. Does not wait for models still loading: each is
     * rejected and closed when its loading ends.
     */
    @Override
    public void close() {
        synchronized (swapLock) {
            closed = true;
            slots.values().forEach(DataTypeSlot::clear);
        }
        shadowRunner.close();
        memberCalls.close();
    }

    DataTypeSlot<I, O> slot(String dataType) {
        return slots.computeIfAbsent(dataType, DataTypeSlot::new);
    }

    /**
     * The slot a record of {@code dataType} is scored through. Records name their own data type, so untrusted
     * input could name endless new ones: past {@link #MAX_DATA_TYPES} slots, an unknown data type gets none
     * (its records are "no model" and are not counted) instead of growing the map without bound.
     */
    DataTypeSlot<I, O> slotForScoring(String dataType) {
        DataTypeSlot<I, O> slot = slots.get(dataType);
        if (slot != null || slots.size() >= MAX_DATA_TYPES) {
            return slot;
        }
        return slot(dataType);
    }

    /**
     * Promotes the data type's canary or shadow when {@code descriptor} deploys the same model (same type, name,
     * version and content) as its primary: the loaded model changes role at once, without loading it again, and
     * the role it leaves is empty. Returns the role it left, or null when nothing matched.
     */
    private ModelRole promoted(DataTypeSlot<I, O> slot, ModelDescriptor descriptor, ModelInfo info) {
        if (descriptor.role() != ModelRole.PRIMARY) {
            return null;
        }
        String fingerprint = null;
        for (ModelRole role : List.of(ModelRole.CANARY, ModelRole.SHADOW)) {
            ServedModel<I, O> candidate = slot.current(role);
            if (candidate == null) {
                continue;
            }
            fingerprint = fingerprint == null ? Fingerprints.of(descriptor) : fingerprint;
            if (!candidate.fingerprint().equals(fingerprint)) {
                continue;
            }
            ServedModel<I, O> moved = candidate.movedTo(info);
            if (moved != null) {
                synchronized (swapLock) {
                    if (closed) {
                        moved.release();
                        throw new ModelServingException("ModelProcessor was closed while model " + info.label()
                                + " was promoted");
                    }
                    slot.swap(moved);
                    slot.clear(role);
                }
                return role;
            }
        }
        return null;
    }

    private void install(DataTypeSlot<I, O> slot, ServedModel<I, O> served) {
        synchronized (swapLock) {
            if (!closed) {
                slot.swap(served);
                return;
            }
        }
        ModelLoader.closeQuietly(served.model());
        throw new ModelServingException("ModelProcessor was closed while model " + served.info().label()
                + " loaded");
    }

    private void install(DataTypeSlot<I, O> slot, ServedEnsemble<I, O> ensemble) {
        synchronized (swapLock) {
            if (!closed) {
                slot.swap(ensemble);
                return;
            }
        }
        ensemble.release();
        throw new ModelServingException("ModelProcessor was closed while ensemble " + ensemble.info().label()
                + " loaded");
    }

    /** Configures a {@link ModelProcessor}. */
    public static final class Builder<I, O> {
        private Map<String, ModelFactory> factories;
        private ModelLimits limits = ModelLimits.defaults();
        private Function<String, Optional<I>> warmUpRecord = dataType -> Optional.empty();
        private Consumer<ModelUpdate> listener = update -> { };
        private Clock clock = Clock.systemUTC();
        private Duration loadTimeout = DEFAULT_LOAD_TIMEOUT;
        private boolean allowNonFiniteResults;
        private ResultComparison<O> comparison = ResultComparison.numeric(0);
        private Duration shadowDeadline = DEFAULT_SHADOW_DEADLINE;
        private int shadowThreads = DEFAULT_SHADOW_THREADS;
        private int callsPerMember = DEFAULT_CALLS_PER_MEMBER;
        private final Map<String, EnsembleDecider<O>> customDeciders = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Makes {@code decider} available to ensembles under {@code name}, beside (or instead of) the ready-made
         * ones of {@link EnsembleDeciders}; an {@link Ensemble} names its decider on the model topic.
         */
        public Builder<I, O> decider(String name, EnsembleDecider<O> decider) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a decider needs a name");
            }
            customDeciders.put(name, Objects.requireNonNull(decider, "decider"));
            return this;
        }

        /**
         * How many calls each ensemble member may have running at once ({@link #DEFAULT_CALLS_PER_MEMBER} unless
         * set). A member with that many still running is not asked for a new batch, and its records are decided
         * without it.
         *
         * @throws IllegalArgumentException when {@code calls} is below 1
         */
        public Builder<I, O> callsPerMember(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("callsPerMember must be at least 1, was " + calls);
            }
            this.callsPerMember = calls;
            return this;
        }

        private Map<String, EnsembleDecider<O>> deciders() {
            Map<String, EnsembleDecider<O>> all = new LinkedHashMap<>();
            all.put(EnsembleDeciders.FIRST_VALID, EnsembleDeciders.firstValid());
            all.put(EnsembleDeciders.MAJORITY, EnsembleDeciders.majority(comparison));
            all.put(EnsembleDeciders.HIGHEST_CONFIDENCE,
                    EnsembleDeciders.highestConfidence(EnsembleDeciders::predictionConfidence));
            all.putAll(customDeciders);
            return java.util.Collections.unmodifiableMap(all);
        }

        /**
         * How a shadow's result is compared with the served one ({@link ResultComparison#numeric}{@code (0)}
         * unless set: equal labels, or equal values).
         */
        public Builder<I, O> comparison(ResultComparison<O> comparison) {
            this.comparison = Objects.requireNonNull(comparison, "comparison");
            return this;
        }

        /**
         * The longest a record waits for its data type's shadow once its own result is ready
         * ({@link #DEFAULT_SHADOW_DEADLINE} unless set). A shadow result that comes later is not waited for: the
         * record goes on with its shadow result marked as late, and the shadow's stats count it as timed out.
         *
         * @throws IllegalArgumentException when {@code deadline} is negative
         */
        public Builder<I, O> shadowDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "shadowDeadline");
            if (deadline.isNegative()) {
                throw new IllegalArgumentException("shadowDeadline must not be negative, was " + deadline);
            }
            this.shadowDeadline = deadline;
            return this;
        }

        /**
         * How many shadow calls run at once, at most ({@link #DEFAULT_SHADOW_THREADS} unless set). With every one
         * busy, the records of a new batch are not given to the shadow, and counted as skipped.
         *
         * @throws IllegalArgumentException when {@code threads} is below 1
         */
        public Builder<I, O> shadowThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("shadowThreads must be at least 1, was " + threads);
            }
            this.shadowThreads = threads;
            return this;
        }

        /** The factories to use instead of those {@link ServiceLoader} finds on the class path. */
        public Builder<I, O> factories(Collection<? extends ModelFactory> factories) {
            this.factories = index(factories);
            return this;
        }

        public Builder<I, O> limits(ModelLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * A sample record per data type that every new model must score without error before it is swapped
         * in; return empty to skip the warm-up for a data type.
         */
        public Builder<I, O> warmUpRecord(Function<String, Optional<I>> warmUpRecord) {
            this.warmUpRecord = Objects.requireNonNull(warmUpRecord, "warmUpRecord");
            return this;
        }

        /**
         * Called after each update, accepted or rejected, on the updating thread. Calls for one data type come one
         * at a time, in update order; calls for different data types may come from several threads at once.
         */
        public Builder<I, O> listener(Consumer<ModelUpdate> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder<I, O> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The longest that creating and warming up one model may take ({@link #DEFAULT_LOAD_TIMEOUT} unless set).
         * An update whose model takes longer is rejected and the current model stays; the load is not
         * interrupted, and if it ever finishes its model is closed, never swapped in.
         *
         * <pre>{@code
         * ModelProcessor.<Features, Prediction>builder().loadTimeout(Duration.ofSeconds(30)).build();
         * }</pre>
         *
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder<I, O> loadTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "loadTimeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("loadTimeout must be positive, was " + timeout);
            }
            this.loadTimeout = timeout;
            return this;
        }

        /**
         * Lets NaN and infinite results through as scores. By default the {@link Scorer} turns such a result into
         * a {@link ScoringResult.Failed} (counted as a failure), checking a {@link Prediction}'s value and class
         * probabilities, a {@code Double} or {@code Float}, and each element of a {@code double[]} or
         * {@code float[]}; other result types are not checked.
         *
         * <pre>{@code
         * // a model whose NaN means "no opinion", which downstream handles
         * ModelProcessor.<Features, Double>builder().allowNonFiniteResults().build();
         * }</pre>
         */
        public Builder<I, O> allowNonFiniteResults() {
            this.allowNonFiniteResults = true;
            return this;
        }

        public ModelProcessor<I, O> build() {
            if (factories == null) {
                List<ModelFactory> found = new ArrayList<>();
                ServiceLoader.load(ModelFactory.class).forEach(found::add);
                factories = index(found);
            }
            return new ModelProcessor<>(this);
        }

        private static Map<String, ModelFactory> index(Collection<? extends ModelFactory> factories) {
            Map<String, ModelFactory> byType = new LinkedHashMap<>();
            for (ModelFactory factory : factories) {
                ModelFactory previous = byType.putIfAbsent(factory.modelType(), factory);
                if (previous != null && previous.getClass() != factory.getClass()) {
                    throw new IllegalArgumentException("Two model factories for model type '" + factory.modelType()
                            + "': " + previous.getClass().getName() + " and " + factory.getClass().getName());
                }
            }
            return java.util.Collections.unmodifiableMap(byType);
        }
    }
}
