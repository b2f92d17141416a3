package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.ServingTopics;
import java.nio.file.Path;

/** The pipelines of the throughput comparison: two baselines without decoding or scoring, and every adapter. */
enum PipelineKind {
    STREAMS_PASS_THROUGH("baseline: Kafka Streams pass-through", null),
    CONSUMER_LOOP("baseline: consumer->producer loop", null),
    KAFKA_STREAMS_SERVING("Kafka Streams serving, ONNX", Engine.KAFKA_STREAMS),
    AKKA_STREAMS_SERVING("Akka Streams serving, ONNX", Engine.AKKA_STREAMS),
    PEKKO_STREAMS_SERVING("Pekko Streams serving, ONNX", Engine.PEKKO_STREAMS);

    private final String label;
    private final Engine engine;

    PipelineKind(String label, Engine engine) {
        this.label = label;
        this.engine = engine;
    }

    String label() {
        return label;
    }

    /** The serving engine, or null for a baseline. */
    Engine engine() {
        return engine;
    }

    boolean isBaseline() {
        return engine == null;
    }

    static PipelineKind serving(Engine engine) {
        return switch (engine) {
            case KAFKA_STREAMS -> KAFKA_STREAMS_SERVING;
            case AKKA_STREAMS -> AKKA_STREAMS_SERVING;
            case PEKKO_STREAMS -> PEKKO_STREAMS_SERVING;
        };
    }

    /** Builds, but does not start, a pipeline on fresh topics; {@code id} names its group or application. */
    Pipeline create(String bootstrapServers, ServingTopics topics, String id, Path workDir) {
        return switch (this) {
            case STREAMS_PASS_THROUGH -> new PassThroughStreams(bootstrapServers, topics, id, workDir);
            case CONSUMER_LOOP -> new ConsumerProducerLoop(bootstrapServers, topics, id);
            case KAFKA_STREAMS_SERVING -> new KafkaStreamsServingPipeline(bootstrapServers, topics, id, workDir);
            case AKKA_STREAMS_SERVING -> new AkkaServingPipeline(bootstrapServers, topics, id);
            case PEKKO_STREAMS_SERVING -> new PekkoServingPipeline(bootstrapServers, topics, id);
        };
    }
}
