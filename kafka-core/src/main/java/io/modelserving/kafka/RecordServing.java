package io.modelserving.kafka;

import io.modelserving.EnsembleResult;
import io.modelserving.ScoredRecord;
import io.modelserving.Scorer;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.codec.Decoded;
import io.modelserving.kafka.internal.Outputs;
import io.modelserving.kafka.internal.SafeDecoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The data path of the {@link ServingCore}, the same for every engine: decode → data type → no-model rule → score
 * a batch (by the primary model, or the canary for the keys it takes, with the shadow beside) → one
 * {@link OutputRecord} per input (the scored envelope, or a dead letter with the reason, the original key, bytes
 * and headers) → events to the {@link ServingListener}.
 *
 * <p>An engine calls {@link #decode} as records arrive, asks {@link #mustWaitFor} whether a batch has to wait for
 * a model that is loading (and waits, without blocking other work where it can, for at most {@link #noModelWait}),
 * then calls {@link #serve}. Nothing here blocks or throws for a bad record. Thread-safe.
 *
 * <pre>{@code
 * List<DecodedRecord<Features>> batch = inputs.stream().map(records::decode).toList();
 * Set<String> waiting = records.mustWaitFor(batch);
 * if (!waiting.isEmpty() && !records.awaitModels(waiting)) { ... }   // or wait asynchronously
 * List<OutputRecord> outputs = records.serve(batch);
 * }</pre>
 *
 * @param <I> the record type
 * @param <O> the result type
 */
public final class RecordServing<I, O> {

    private final ServingSpec<I, O> spec;
    private final Scorer<I, O> scorer;
    private final ModelLoading loading;
    private final Outputs<I, O> outputs;
    private final ServingListener listener;
    private final NoModelPolicy policy;
    private final Duration noModelWait;

    RecordServing(ServingSpec<I, O> spec, ModelLoading loading, Outputs<I, O> outputs, ServingListener listener,
                  NoModelPolicy policy, Duration noModelWait) {
        this.spec = spec;
        this.scorer = spec.processor().scorer(spec.dataTypeOf());
        this.loading = loading;
        this.outputs = outputs;
        this.listener = listener;
        this.policy = policy;
        this.noModelWait = noModelWait;
    }

    /** Decodes a consumed record and finds its data type; never throws, whatever the codec does. */
    public DecodedRecord<I> decode(InputRecord input) {
        Decoded<I> decoded = input.value() == null ? Decoded.failure("a data record with no value (tombstone)")
                : SafeDecoding.decode(spec.inputCodec(), input.value());
        String dataType = null;
        if (decoded.isValue()) {
            try {
                dataType = spec.dataTypeOf().apply(decoded.get());
            } catch (RuntimeException e) {
                dataType = null;
            }
        }
        return new DecodedRecord<>(input, decoded, dataType);
    }

    /**
     * The data types of {@code batch} whose records must wait before they are scored, by the no-model rule
     * ({@link ModelLoading#mustWait}). Empty for a batch that may be scored at once, which includes every data
     * type nobody published a model for.
     */
    public Set<String> mustWaitFor(List<DecodedRecord<I>> batch) {
        return loading.mustWaitFor(() -> batch.stream().map(DecodedRecord::dataType).iterator(), policy);
    }

    /** Completes when none of {@code dataTypes} is loading any more; pair it with a timer of {@link #noModelWait}. */
    public CompletableFuture<Void> whenLoaded(Set<String> dataTypes) {
        return loading.whenLoaded(dataTypes);
    }

    /**
     * Blocks until none of {@code dataTypes} is loading, for at most {@link #noModelWait}; for engines that wait on
     * their own thread.
     *
     * @return false when the wait timed out (then records of these data types stop waiting for the same loads)
     */
    public boolean awaitLoaded(Set<String> dataTypes) throws InterruptedException {
        return loading.awaitLoaded(dataTypes, noModelWait);
    }

    /** A wait for {@code dataTypes} timed out: their records stop waiting for the same loads. */
    public void gaveUp(Set<String> dataTypes) {
        loading.gaveUp(dataTypes);
    }

    /** How long a record waits, at most, for a model that is loading. */
    public Duration noModelWait() {
        return noModelWait;
    }

    /** Scores a batch: one output per record, in order. Never throws for a bad record. */
    public List<OutputRecord> serve(List<DecodedRecord<I>> batch) {
        return pin(batch).serve();
    }

    /**
     * Takes the current models for {@code batch} now, to serve it later (e.g. on another thread) with exactly
     * those: batches pinned in order never see a model go backwards, whichever is served first. Serve it once.
     */
    public Pinned pin(List<DecodedRecord<I>> batch) {
        return new Pinned(batch);
    }

    /** A batch with its models pinned; see {@link #pin}. */
    public final class Pinned {
        private final List<DecodedRecord<I>> batch;
        private final Scorer<I, O>.Pinned scoring;

        private Pinned(List<DecodedRecord<I>> batch) {
            this.batch = batch;
            List<I> values = new ArrayList<>(batch.size());
            List<InputRecord> inputs = new ArrayList<>(batch.size());
            for (DecodedRecord<I> record : batch) {
                if (record.decoded().isValue()) {
                    values.add(record.decoded().get());
                    inputs.add(record.input());
                }
            }
            this.scoring = scorer.pin(values, index -> route(inputs.get(index)));
        }

        /** One output per record, in order; never throws for a bad record. */
        public List<OutputRecord> serve() {
            List<ScoringResult<O>> results = scoring.score();
            List<ShadowResult<O>> shadows = scoring.shadows();
            List<EnsembleResult> ensembles = scoring.ensembles();
            long now = spec.processor().clock().millis();
            List<OutputRecord> out = new ArrayList<>(batch.size());
            int next = 0;
            for (DecodedRecord<I> record : batch) {
                OutputRecord output;
                if (record.decoded().isValue()) {
                    ScoredRecord<I, O> scored = new ScoredRecord<>(record.decoded().get(), results.get(next), now,
                            record.input().origin(), shadows.get(next), ensembles.get(next));
                    next++;
                    listener.served(scored);
                    output = outputs.scored(record.input(), scored);
                } else {
                    output = outputs.undecodableData(record.input(), record.decoded().reason());
                }
                if (output.isDeadLetter()) {
                    DeadLetter letter = output.deadLetter();
                    listener.deadLettered(letter);
                }
                out.add(output);
            }
            return out;
        }
    }

    /**
     * A canary takes a stable share of keys: a record's route is the hash of its key, or of its value when it has
     * no key.
     */
    private static long route(InputRecord input) {
        byte[] key = input.key() != null ? input.key() : input.value();
        return Scorer.route(key == null ? new byte[0] : key);
    }

    /** Scores one record; see {@link #serve(List)}. */
    public OutputRecord serve(DecodedRecord<I> record) {
        return serve(List.of(record)).get(0);
    }
}
