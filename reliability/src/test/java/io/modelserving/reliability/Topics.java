package io.modelserving.reliability;

import io.modelserving.kafka.ServingTopics;
import java.util.List;

/** The four topics of one scenario, named after it so that scenarios sharing the broker never meet. */
record Topics(ServingTopics topics) {

    static Topics of(String scenario) {
        return new Topics(ServingTopics.of(scenario + "-data", scenario + "-models", scenario + "-scored",
                scenario + "-dead-letters"));
    }

    /** The CLI options naming them. */
    List<String> options() {
        return List.of("--data-topic", topics.data(), "--model-topic", topics.models(),
                "--scored-topic", topics.scored(), "--dlq-topic", topics.deadLetters());
    }
}
