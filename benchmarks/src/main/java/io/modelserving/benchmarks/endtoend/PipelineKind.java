package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.ServingTopics;
import java.nio.file.Path;

/**
 * The pipelines of the throughput comparison: two copying baselines that neither decode nor score (context), the
 * same-work baselines written by hand (decode, score with raw ONNX Runtime, encode the same envelope: a Kafka clients
 * loop, the practical upper bound, and one on each adapter's engine), and every adapter.
 */
enum PipelineKind {
    STREAMS_PASS_THROUGH("copy: Kafka Streams pass-through", Role.COPY, null),
    CONSUMER_LOOP("copy: consumer->producer loop", Role.COPY, null),
    RAW_LOOP("same work: raw kafka-clients loop", Role.SAME_WORK, null),
    HAND_WRITTEN_STREAMS("same work: hand-written Kafka Streams", Role.SAME_WORK, Engine.KAFKA_STREAMS),
    KAFKA_STREAMS_SERVING("Kafka Streams serving, ONNX", Role.ADAPTER, Engine.KAFKA_STREAMS),
    HAND_WRITTEN_AKKA("same work: hand-written Alpakka graph", Role.SAME_WORK, Engine.AKKA_STREAMS),
    AKKA_STREAMS_SERVING("Akka Streams serving, ONNX", Role.ADAPTER, Engine.AKKA_STREAMS),
    HAND_WRITTEN_PEKKO("same work: hand-written Pekko graph", Role.SAME_WORK, Engine.PEKKO_STREAMS),
    PEKKO_STREAMS_SERVING("Pekko Streams serving, ONNX", Role.ADAPTER, Engine.PEKKO_STREAMS);

    /** What a pipeline is in the comparison. */
    enum Role {
        /** copies the data topic's bytes: the cost of moving records, nothing else */
        COPY,
        /** the adapters' work, written by hand: what serving costs without the library */
        SAME_WORK,
        /** a serving adapter, reading its model from the model topic */
        ADAPTER
    }

    private final String label;
    private final Role role;
    private final Engine engine;

    PipelineKind(String label, Role role, Engine engine) {
        this.label = label;
        this.role = role;
        this.engine = engine;
    }

    String label() {
        return label;
    }

    Role role() {
        return role;
    }

    /** The engine it runs on: an adapter's, or a hand-written baseline's; null for the Kafka clients loops. */
    Engine engine() {
        return engine;
    }

    /** Whether its outputs are scored envelopes (for the copies: the input bytes). */
    boolean writesEnvelopes() {
        return role != Role.COPY;
    }

    /** The same work written by hand on this adapter's engine; null for a baseline. */
    PipelineKind sameWorkOnOwnEngine() {
        return role == Role.ADAPTER ? handWritten(engine) : null;
    }

    /** The same-work baseline written by hand on {@code engine}. */
    static PipelineKind handWritten(Engine engine) {
        return switch (engine) {
            case KAFKA_STREAMS -> HAND_WRITTEN_STREAMS;
            case AKKA_STREAMS -> HAND_WRITTEN_AKKA;
            case PEKKO_STREAMS -> HAND_WRITTEN_PEKKO;
        };
    }

    static PipelineKind serving(Engine engine) {
        return switch (engine) {
            case KAFKA_STREAMS -> KAFKA_STREAMS_SERVING;
            case AKKA_STREAMS -> AKKA_STREAMS_SERVING;
            case PEKKO_STREAMS -> PEKKO_STREAMS_SERVING;
        };
    }

    /**
     * Whether it runs at {@code setup}'s guarantee: the copies, context for the cost of moving records, run at
     * at-least-once only (keeping the full run under 10 minutes); the others at both.
     */
    boolean runsAt(PipelineSetup setup) {
        return role != Role.COPY || !setup.exactlyOnce();
    }

    /**
     * Builds, but does not start, a pipeline on fresh topics; {@code id} names its group or application. The
     * same-work baselines take {@code workload}'s model 1 directly; adapters read it from the model topic.
     */
    Pipeline create(String bootstrapServers, ServingTopics topics, String id, Path workDir, Workload workload,
                    PipelineSetup setup) {
        return switch (this) {
            case STREAMS_PASS_THROUGH -> new PassThroughStreams(bootstrapServers, topics, id, workDir, setup);
            case CONSUMER_LOOP -> new ConsumerProducerLoop(bootstrapServers, topics, id);
            case RAW_LOOP -> new RawScoringLoop(bootstrapServers, topics, id, workload, setup);
            case HAND_WRITTEN_STREAMS -> new HandWrittenStreams(bootstrapServers, topics, id, workDir, workload,
                    setup);
            case KAFKA_STREAMS_SERVING -> new KafkaStreamsServingPipeline(bootstrapServers, topics, id, workDir,
                    setup);
            case HAND_WRITTEN_AKKA -> new AkkaHandWrittenPipeline(bootstrapServers, topics, id, workload, setup);
            case HAND_WRITTEN_PEKKO -> new PekkoHandWrittenPipeline(bootstrapServers, topics, id, workload, setup);
            case AKKA_STREAMS_SERVING -> new AkkaServingPipeline(bootstrapServers, topics, id, setup);
            case PEKKO_STREAMS_SERVING -> new PekkoServingPipeline(bootstrapServers, topics, id, setup);
        };
    }
}
