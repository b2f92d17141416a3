package io.modelserving;

import io.modelserving.internal.DataTypeSlot;
import io.modelserving.internal.Failures;
import io.modelserving.internal.FiniteResults;
import io.modelserving.internal.ServedModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scores records with the current model of their data type, as held by a {@link ModelProcessor}.
 *
 * <p>Every call returns a value: {@link ScoringResult.Scored}, {@link ScoringResult.Failed} with the reason,
 * or {@link ScoringResult.NoModel}. A model that throws, returns null or breaks never escapes as an exception,
 * so a stream that scores records cannot be killed by one of them. A NaN or infinite result is a failure too,
 * unless the processor was built with {@link ModelProcessor.Builder#allowNonFiniteResults()}. Safe from many
 * threads at once.
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
    private final boolean checkFinite;

    Scorer(ModelProcessor<I, O> processor, Function<? super I, String> dataTypeOf, Clock clock,
           boolean checkFinite) {
        this.processor = processor;
        this.dataTypeOf = dataTypeOf;
        this.clock = clock;
        this.checkFinite = checkFinite;
    }

    /** Scores one record. */
    public ScoringResult<O> score(I record) {
        String dataType = dataTypeOf(record);
        if (dataType == null) {
            return new ScoringResult.Failed<>("", "record has no data type", null, 0);
        }
        DataTypeSlot<I, O> slot = processor.slotForScoring(dataType);
        ServedModel<I, O> served = slot == null ? null : slot.acquire();
        if (served == null) {
            if (slot != null) {
                slot.noModel();
            }
            return new ScoringResult.NoModel<>(dataType);
        }
        try {
            return scoreWith(served, dataType, record);
        } finally {
            served.release();
        }
    }

    /** Scores one record and wraps it with its result and the time of scoring. */
    public ScoredRecord<I, O> scoreRecord(I record) {
        return new ScoredRecord<>(record, score(record), clock.millis(), null);
    }

    /**
     * Scores several records, one result per record in the same order. Records of one data type go to their
     * model's {@link Model#scoreBatch} in one call; if that call fails (or returns a null or the wrong number of
     * results), each record is scored on its own, so one bad record fails alone.
     */
    public List<ScoringResult<O>> scoreBatch(List<I> records) {
        return pin(records).score();
    }

    /**
     * Takes the current model of each data type among {@code records} now, to score them later with exactly
     * those models, e.g. on another thread. Batches pinned one after another in one thread never see models go
     * backwards, whichever is scored first: a stream that scores batches in parallel keeps each partition's
     * records in model order. Score the batch (or close it) exactly once, or the models it holds are never closed.
     */
    public Pinned pin(List<I> records) {
        return new Pinned(records);
    }

    /** Records and the models pinned for them; see {@link #pin}. */
    public final class Pinned implements AutoCloseable {
        private final List<I> records;
        private final ScoringResult<O>[] results;
        private final Map<String, List<Integer>> byDataType = new LinkedHashMap<>();
        private final Map<String, ServedModel<I, O>> models = new LinkedHashMap<>();
        private boolean done;

        @SuppressWarnings("unchecked")
        private Pinned(List<I> records) {
            this.records = records;
            this.results = new ScoringResult[records.size()];
            for (int i = 0; i < records.size(); i++) {
                String dataType = dataTypeOf(records.get(i));
                if (dataType == null) {
                    results[i] = new ScoringResult.Failed<>("", "record has no data type", null, 0);
                } else {
                    byDataType.computeIfAbsent(dataType, k -> new ArrayList<>()).add(i);
                }
            }
            byDataType.forEach((dataType, indexes) -> {
                DataTypeSlot<I, O> slot = processor.slotForScoring(dataType);
                ServedModel<I, O> served = slot == null ? null : slot.acquire();
                if (served == null) {
                    for (int index : indexes) {
                        if (slot != null) {
                            slot.noModel();
                        }
                        results[index] = new ScoringResult.NoModel<>(dataType);
                    }
                } else {
                    models.put(dataType, served);
                }
            });
        }

        /** Scores the records with the pinned models, one result per record in order, and releases them. */
        public List<ScoringResult<O>> score() {
            if (done) {
                throw new IllegalStateException("this batch was scored or closed already");
            }
            try {
                models.forEach((dataType, served) -> scoreGroup(served, dataType, records, byDataType.get(dataType),
                        results));
                return Arrays.asList(results);
            } finally {
                close();
            }
        }

        /** Releases the pinned models without scoring. */
        @Override
        public void close() {
            if (!done) {
                done = true;
                models.values().forEach(ServedModel::release);
            }
        }
    }

    private void scoreGroup(ServedModel<I, O> served, String dataType, List<I> records, List<Integer> indexes,
                            ScoringResult<O>[] results) {
        List<I> group = new ArrayList<>(indexes.size());
        indexes.forEach(index -> group.add(records.get(index)));
        long start = System.nanoTime();
        List<O> outputs = null;
        try {
            List<O> batch = served.model().scoreBatch(group);
            // A loop, not contains(null): immutable lists such as List.of(..) throw on contains(null).
            if (batch != null && batch.size() == group.size() && hasNoNull(batch)) {
                outputs = batch;
            }
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
        }
        if (outputs == null) {
            for (int i = 0; i < group.size(); i++) {
                results[indexes.get(i)] = scoreWith(served, dataType, group.get(i));
            }
            return;
        }
        long perRecord = (System.nanoTime() - start) / group.size();
        int failed = 0;
        for (int i = 0; i < group.size(); i++) {
            O output = outputs.get(i);
            Optional<String> problem = problem(output);
            if (problem.isPresent()) {
                failed++;
                results[indexes.get(i)] = new ScoringResult.Failed<>(dataType, problem.get(), served.info(), perRecord);
            } else {
                results[indexes.get(i)] = new ScoringResult.Scored<>(dataType, output, served.info(), perRecord);
            }
        }
        served.record(group.size(), failed, perRecord * group.size());
    }

    private ScoringResult<O> scoreWith(ServedModel<I, O> served, String dataType, I record) {
        long start = System.nanoTime();
        try {
            O output = served.model().score(record);
            long nanos = System.nanoTime() - start;
            if (output == null) {
                served.record(1, 1, nanos);
                return new ScoringResult.Failed<>(dataType, "model returned no result", served.info(), nanos);
            }
            Optional<String> problem = problem(output);
            if (problem.isPresent()) {
                served.record(1, 1, nanos);
                return new ScoringResult.Failed<>(dataType, problem.get(), served.info(), nanos);
            }
            served.record(1, 0, nanos);
            return new ScoringResult.Scored<>(dataType, output, served.info(), nanos);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            long nanos = System.nanoTime() - start;
            served.record(1, 1, nanos);
            return new ScoringResult.Failed<>(dataType, Failures.reason(t), served.info(), nanos);
        }
    }

    private Optional<String> problem(O output) {
        return checkFinite ? FiniteResults.problem(output) : Optional.empty();
    }

    private static boolean hasNoNull(List<?> outputs) {
        for (Object output : outputs) {
            if (output == null) {
                return false;
            }
        }
        return true;
    }

    private String dataTypeOf(I record) {
        try {
            return record == null ? null : dataTypeOf.apply(record);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
