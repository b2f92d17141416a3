package io.modelserving.kafka;

/**
 * Whether an instance is ready to serve (or, as its liveness, still running), and why not: what
 * {@code GET /health/ready} (and {@code /health/live}) reports.
 *
 * <pre>{@code
 * Readiness readiness = streams.state() == KafkaStreams.State.RUNNING
 *         ? Readiness.up() : Readiness.down("Kafka Streams is " + streams.state());
 * }</pre>
 *
 * @param ready  true when the instance scores records with its restored models
 * @param detail a short explanation, e.g. the engine's state
 */
public record Readiness(boolean ready, String detail) {

    public Readiness {
        detail = detail == null ? "" : detail;
    }

    public static Readiness up() {
        return new Readiness(true, "");
    }

    public static Readiness up(String detail) {
        return new Readiness(true, detail);
    }

    public static Readiness down(String detail) {
        return new Readiness(false, detail);
    }
}
