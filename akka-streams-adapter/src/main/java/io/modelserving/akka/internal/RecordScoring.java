package io.modelserving.akka.internal;

import io.modelserving.ModelProcessor;
import io.modelserving.ScoredRecord;
import io.modelserving.Scorer;
import io.modelserving.ScoringResult;
import io.modelserving.http.ServingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Scores batches of plain records into {@link ScoredRecord}s, counting outcomes when metrics are given. */
public final class RecordScoring<I, O> {

    private final Scorer<I, O> scorer;
    private final Function<? super I, String> dataTypeOf;
    private final ServingMetrics metrics;

    public RecordScoring(ModelProcessor<I, O> processor, Function<? super I, String> dataTypeOf,
                         ServingMetrics metrics) {
        this.scorer = processor.scorer(dataTypeOf);
        this.dataTypeOf = dataTypeOf;
        this.metrics = metrics;
    }

    /** One scored record per input, in order. */
    public List<ScoredRecord<I, O>> score(List<I> records) {
        List<ScoringResult<O>> results = scorer.scoreBatch(records);
        long now = System.currentTimeMillis();
        List<ScoredRecord<I, O>> scored = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ScoringResult<O> result = results.get(i);
            if (metrics != null) {
                metrics.record(result);
            }
            scored.add(new ScoredRecord<>(records.get(i), result, now, null));
        }
        return scored;
    }

    /** The data type a record needs a model for; null when it has none (it cannot be scored anyway). */
    public String dataTypeOf(I record) {
        try {
            return record == null ? null : dataTypeOf.apply(record);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
