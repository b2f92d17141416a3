package io.modelserving.examples.serving;

import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ResultComparison;
import io.modelserving.ServingStats;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.RecordCodec;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.ServingSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** A running serving instance, on either engine: the "model serving" box of the architecture. */
public interface ServingApp extends AutoCloseable {

    /** The engines the examples can run. */
    enum Engine {
        KAFKA_STREAMS("kafka-streams"), AKKA_STREAMS("akka-streams"), PEKKO_STREAMS("pekko-streams");

        private final String cliName;

        Engine(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        /**
         * Checks that this engine offers the guarantee before anything starts.
         *
         * @throws IllegalArgumentException for at-most-once on Kafka Streams, which has no such mode
         */
        public void check(DeliveryGuarantee guarantee) {
            if (this == KAFKA_STREAMS && guarantee == DeliveryGuarantee.AT_MOST_ONCE) {
                throw new IllegalArgumentException("kafka-streams offers at-least-once and exactly-once; "
                        + "use --engine akka-streams or pekko-streams for at-most-once");
            }
        }

        public static Engine parse(String text) {
            for (Engine engine : values()) {
                if (engine.cliName.equalsIgnoreCase(text) || engine.name().equalsIgnoreCase(text)) {
                    return engine;
                }
            }
            throw new IllegalArgumentException("Unknown engine '" + text + "': use kafka-streams, akka-streams or pekko-streams");
        }
    }

    static ServingApp start(Engine engine, ServingOptions options) {
        return switch (engine) {
            case KAFKA_STREAMS -> KafkaStreamsServing.start(options);
            case AKKA_STREAMS -> AkkaStreamsServing.start(options);
            case PEKKO_STREAMS -> PekkoStreamsServing.start(options); // generated from AkkaStreamsServing
        };
    }

    /**
     * Completes with the reason when the engine has died by itself (not by {@link #close()}): the instance serves
     * no more, and its process should end so that a supervisor starts it again.
     */
    CompletionStage<String> died();

    /** Whether the instance is serving (the HTTP {@code /health} answer). */
    boolean ready();

    /** The HTTP endpoint's port. */
    int httpPort();

    /** Serving stats of this instance, by data type. */
    Map<String, ServingStats> stats();

    @Override
    void close();

    /**
     * A processor with every model format that {@link java.util.ServiceLoader} finds on the class path (the
     * testkit, which the examples jar carries for its embedded broker, registers none), within the options' limits.
     * A shadow agrees with the served model when their wine qualities are within half a point.
     */
    static ModelProcessor<Features, Prediction> processor(ServingOptions options) {
        return ModelProcessor.<Features, Prediction>builder()
                .limits(options.limits())
                // tag::shadow-comparison[]
                .comparison(ResultComparison.numeric(0.5)) // labels when both have one, else |difference| <= 0.5
                .shadowDeadline(Duration.ofMillis(100))    // a record waits at most this long after its own result
                // end::shadow-comparison[]
                .build();
    }

    /**
     * What both engines serve: records of the options' data format scored by {@code processor}, scored records
     * written in the options' output format.
     */
    static ServingSpec<Features, Prediction> spec(ServingOptions options,
                                                  ModelProcessor<Features, Prediction> processor) {
        // tag::serving-spec[]
        RecordCodec<Features> records = options.dataCodec(); // WineRecord, FeatureRecord, JSON or Avro
        return ServingSpec.of(processor, records, Codecs.predictions(), Features::dataType)
                .withScoredCodec(options.outputFormat().codec(records)); // protobuf envelope or JSON
        // end::serving-spec[]
    }
}
