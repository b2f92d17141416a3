package io.modelserving;

import io.modelserving.internal.DataTypeSlot;
import io.modelserving.internal.Failures;
import io.modelserving.internal.ServedModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores records with the current model of their data type, as held by a {@link ModelProcessor}.
 *
 * <p>Every call returns a value: {@link ScoringResult.Scored}, {@link ScoringResult.Failed} with the reason,
 * or {@link ScoringResult.NoModel}. A model that throws, returns null or breaks never escapes as an exception,
 * so a stream that scores records cannot be killed by one of them. Safe from many threads at once.
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

    Scorer(ModelProcessor<I, O> processor, Function<? super I, String> dataTypeOf, Clock clock) {
        this.processor = processor;
        this.dataTypeOf = dataTypeOf;
        this.clock = clock;
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
     * model's {@link Model#scoreBatch} in one call; if that call fails, each record is scored on its own, so one
     * bad record fails alone.
     */
    public List<ScoringResult<O>> scoreBatch(List<I> records) {
        @SuppressWarnings("unchecked")
        ScoringResult<O>[] results = new ScoringResult[records.size()];
        Map<String, List<Integer>> byDataType = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String dataType = dataTypeOf(records.get(i));
            if (dataType == null) {
                results[i] = new ScoringResult.Failed<>("", "record has no data type", null, 0);
            } else {
                byDataType.computeIfAbsent(dataType, k -> new ArrayList<>()).add(i);
            }
        }
        byDataType.forEach((dataType, indexes) -> scoreGroup(dataType, records, indexes, results));
        return Arrays.asList(results);
    }

    private void scoreGroup(String dataType, List<I> records, List<Integer> indexes, ScoringResult<O>[] results) {
        DataTypeSlot<I, O> slot = processor.slotForScoring(dataType);
        ServedModel<I, O> served = slot == null ? null : slot.acquire();
        if (served == null) {
            for (int index : indexes) {
                if (slot != null) {
                    slot.noModel();
                }
                results[index] = new ScoringResult.NoModel<>(dataType);
            }
            return;
        }
        try {
            List<I> group = new ArrayList<>(indexes.size());
            indexes.forEach(index -> group.add(records.get(index)));
            long start = System.nanoTime();
            List<O> outputs = null;
            try {
                outputs = served.model().scoreBatch(group);
            } catch (Throwable t) {
                Failures.rethrowIfFatal(t);
            }
            if (outputs == null || outputs.size() != group.size() || outputs.contains(null)) {
                for (int i = 0; i < group.size(); i++) {
                    results[indexes.get(i)] = scoreWith(served, dataType, group.get(i));
                }
                return;
            }
            long perRecord = (System.nanoTime() - start) / group.size();
            for (int i = 0; i < group.size(); i++) {
                results[indexes.get(i)] = new ScoringResult.Scored<>(dataType, outputs.get(i), served.info(), perRecord);
            }
            served.record(group.size(), 0, perRecord * group.size());
        } finally {
            served.release();
        }
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
            served.record(1, 0, nanos);
            return new ScoringResult.Scored<>(dataType, output, served.info(), nanos);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            long nanos = System.nanoTime() - start;
            served.record(1, 1, nanos);
            return new ScoringResult.Failed<>(dataType, Failures.reason(t), served.info(), nanos);
        }
    }

    private String dataTypeOf(I record) {
        try {
            return record == null ? null : dataTypeOf.apply(record);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
