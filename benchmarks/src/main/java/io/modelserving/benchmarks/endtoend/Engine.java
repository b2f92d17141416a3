package io.modelserving.benchmarks.endtoend;

import java.util.Locale;

/**
 * The serving engines the harness measures.
 *
 * <pre>{@code
 * Engine engine = Engine.parse("akka-streams");
 * }</pre>
 */
public enum Engine {
    /** {@code io.modelserving.kafkastreams.ModelServingStreams}. */
    KAFKA_STREAMS("kafka-streams"),
    /** {@code io.modelserving.akka.javadsl.KafkaModelServing}. */
    AKKA_STREAMS("akka-streams"),
    /** {@code io.modelserving.pekko.javadsl.KafkaModelServing}, generated from the Akka Streams adapter. */
    PEKKO_STREAMS("pekko-streams");

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    /** The name used on the command line and in the report. */
    public String label() {
        return label;
    }

    /**
     * The engine of a command-line name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value when it is none of the engines
     */
    public static Engine parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Engine engine : values()) {
            if (engine.label.equals(name)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("Unknown engine '" + text + "': use kafka-streams, akka-streams, pekko-streams or all");
    }
}
