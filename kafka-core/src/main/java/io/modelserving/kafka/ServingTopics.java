package io.modelserving.kafka;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The four topics of a serving application: data in, models in, scored records out, dead letters out.
 *
 * <p>Immutable; every {@code withX} returns a copy. The model topic should be compacted with the data type as
 * key, so that it holds the latest model of every data type for as long as the application runs.
 *
 * <pre>{@code
 * ServingTopics topics = ServingTopics.defaults()
 *         .withData("wine-records")
 *         .withScored("wine-scored");
 * }</pre>
 */
public final class ServingTopics {

    /** Default data topic. */
    public static final String DEFAULT_DATA = "modelserving-data";
    /** Default model topic (compacted, key = data type). */
    public static final String DEFAULT_MODELS = "modelserving-models";
    /** Default scored-record topic. */
    public static final String DEFAULT_SCORED = "modelserving-scored";
    /** Default dead-letter topic. */
    public static final String DEFAULT_DEAD_LETTERS = "modelserving-dead-letters";

    // Kafka's own rule for topic names: legal characters, at most 249 of them.
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final String data;
    private final String models;
    private final String scored;
    private final String deadLetters;

    private ServingTopics(String data, String models, String scored, String deadLetters) {
        this.data = check(data, "data");
        this.models = check(models, "models");
        this.scored = check(scored, "scored");
        this.deadLetters = check(deadLetters, "dead-letter");
    }

    /** The default topic names. */
    public static ServingTopics defaults() {
        return new ServingTopics(DEFAULT_DATA, DEFAULT_MODELS, DEFAULT_SCORED, DEFAULT_DEAD_LETTERS);
    }

    /** All four names given; convenient for tests that use a fresh set of topics each. */
    public static ServingTopics of(String data, String models, String scored, String deadLetters) {
        return new ServingTopics(data, models, scored, deadLetters);
    }

    /** The four default names with {@code prefix} in front, e.g. {@code "t1-modelserving-data"}. */
    public static ServingTopics prefixed(String prefix) {
        return new ServingTopics(prefix + DEFAULT_DATA, prefix + DEFAULT_MODELS, prefix + DEFAULT_SCORED,
                prefix + DEFAULT_DEAD_LETTERS);
    }

    public String data() {
        return data;
    }

    public String models() {
        return models;
    }

    public String scored() {
        return scored;
    }

    public String deadLetters() {
        return deadLetters;
    }

    public ServingTopics withData(String topic) {
        return new ServingTopics(topic, models, scored, deadLetters);
    }

    public ServingTopics withModels(String topic) {
        return new ServingTopics(data, topic, scored, deadLetters);
    }

    public ServingTopics withScored(String topic) {
        return new ServingTopics(data, models, topic, deadLetters);
    }

    public ServingTopics withDeadLetters(String topic) {
        return new ServingTopics(data, models, scored, topic);
    }

    private static String check(String topic, String role) {
        if (topic == null || !LEGAL.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("Illegal " + role + " topic name '" + topic
                    + "': use 1 to 249 of [a-zA-Z0-9._-]");
        }
        return topic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServingTopics t && data.equals(t.data) && models.equals(t.models)
                && scored.equals(t.scored) && deadLetters.equals(t.deadLetters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(data, models, scored, deadLetters);
    }

    @Override
    public String toString() {
        return "ServingTopics[data=" + data + ", models=" + models + ", scored=" + scored + ", deadLetters="
                + deadLetters + "]";
    }
}
