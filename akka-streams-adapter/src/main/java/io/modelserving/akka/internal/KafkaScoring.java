package io.modelserving.akka.internal;

import akka.japi.Pair;
import io.modelserving.ModelProcessor;
import io.modelserving.ScoredRecord;
import io.modelserving.Scorer;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.http.ServingMetrics;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.OutputRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns consumed data records into the one record each must produce: the scored envelope on the scored topic, or a
 * dead letter (undecodable, failed, no model) with the original key and bytes. Runs on the scoring threads, so
 * encoding is parallel too.
 */
public final class KafkaScoring<I, O> {

    private final RecordCodec<I> inputCodec;
    private final Function<? super I, String> dataTypeOf;
    private final Scorer<I, O> scorer;
    private final OutputRouter<I, O> router;
    private final ServingMetrics metrics;

    public KafkaScoring(ModelProcessor<I, O> processor, RecordCodec<I> inputCodec,
                        Function<? super I, String> dataTypeOf, OutputRouter<I, O> router, ServingMetrics metrics) {
        this.inputCodec = inputCodec;
        this.dataTypeOf = dataTypeOf;
        this.scorer = processor.scorer(dataTypeOf);
        this.router = router;
        this.metrics = metrics;
    }

    /** Decodes a consumed record; never throws. */
    public <C> Incoming<I, C> decode(ConsumerRecord<byte[], byte[]> record, C context) {
        Decoded<I> decoded;
        try {
            decoded = inputCodec.decode(record.value());
        } catch (RuntimeException e) {
            decoded = Decoded.failure("decoding threw " + e);
        }
        return new Incoming<>(record, decoded, context);
    }

    /** The data type the record waits for a model of; null for a record that cannot be scored anyway. */
    public String dataTypeToWaitFor(Incoming<I, ?> incoming) {
        if (incoming.decoded() instanceof Decoded.Value<I> value) {
            try {
                return dataTypeOf.apply(value.value());
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** One producer record per input, in order, each with its input's context. */
    public <C> List<Pair<ProducerRecord<byte[], byte[]>, C>> score(List<Incoming<I, C>> batch) {
        List<I> records = new ArrayList<>(batch.size());
        for (Incoming<I, C> incoming : batch) {
            if (incoming.decoded() instanceof Decoded.Value<I> value) {
                records.add(value.value());
            }
        }
        List<ScoringResult<O>> results = records.isEmpty() ? List.of() : scorer.scoreBatch(records);
        long now = System.currentTimeMillis();
        List<Pair<ProducerRecord<byte[], byte[]>, C>> out = new ArrayList<>(batch.size());
        int next = 0;
        for (Incoming<I, C> incoming : batch) {
            ConsumerRecord<byte[], byte[]> record = incoming.record();
            OutputRecord output;
            if (incoming.decoded() instanceof Decoded.Value<I> value) {
                ScoringResult<O> result = results.get(next++);
                ScoredRecord<I, O> scored = new ScoredRecord<>(value.value(), result, now, incoming.origin());
                output = router.route(scored, record.value());
                if (metrics != null) {
                    metrics.record(result);
                }
            } else {
                output = router.undecodableData(record.value(), incoming.origin(), incoming.decoded().reason());
            }
            if (metrics != null && output.isDeadLetter()) {
                metrics.deadLettered(output.deadLetter().dataType(), output.deadLetter().kind().header());
            }
            out.add(Pair.create(new ProducerRecord<>(output.topic(), null, record.key(), output.value(),
                    output.headers()), incoming.context()));
        }
        return out;
    }
}
