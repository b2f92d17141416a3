package io.modelserving.kafkastreams;

import java.util.Objects;
import org.apache.kafka.streams.Topology;

/**
 * A serving topology and the runtime of the one Kafka Streams instance that runs it.
 *
 * <pre>{@code
 * ServingTopology<Features, Prediction> serving = ModelServingStreams.topology(config);
 * System.out.println(serving.topology().describe());
 * }</pre>
 *
 * @param topology the topology to give to {@code new KafkaStreams(...)}
 * @param runtime  its models, stats and readiness
 * @param <I> the record type
 * @param <O> the result type
 */
public record ServingTopology<I, O>(Topology topology, ServingRuntime<I, O> runtime) {

    public ServingTopology {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(runtime, "runtime");
    }
}
