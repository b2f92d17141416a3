package io.modelserving.kafkastreams;

import java.util.Objects;
import org.apache.kafka.streams.kstream.KStream;

/**
 * What {@link ModelServingStreams#addTo} adds to your {@code StreamsBuilder}: the scored stream, to chain your
 * own logic after scoring, and the runtime.
 *
 * <pre>{@code
 * StreamsBuilder builder = new StreamsBuilder();
 * ServingBranches<Features, Prediction> serving = ModelServingStreams.addTo(builder, config);
 * serving.scored().mapValues(envelope -> ...).to("alerts");
 * KafkaStreams streams = new KafkaStreams(builder.build(), props);
 * }</pre>
 *
 * @param scored  the records written to the scored topic: input key, {@code ScoredRecord} envelope bytes
 * @param runtime the models, stats and readiness of this instance
 * @param <I> the record type
 * @param <O> the result type
 */
public record ServingBranches<I, O>(KStream<byte[], byte[]> scored, ServingRuntime<I, O> runtime) {

    public ServingBranches {
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(runtime, "runtime");
    }
}
