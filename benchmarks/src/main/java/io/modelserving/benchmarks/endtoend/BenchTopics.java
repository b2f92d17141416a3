package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.KafkaHelpers;
import java.util.Map;

/** Fresh topics for each run, so no run sees another's records, offsets or models. */
final class BenchTopics {

    // The broker stamps output records on append, so a run is timed by the broker's own clock, not by when a
    // reader happened to poll.
    private static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

    private BenchTopics() {
    }

    /** Creates data, model (compacted, one partition), scored and dead-letter topics named after {@code run}. */
    static ServingTopics create(KafkaHelpers kafka, String run, int partitions) {
        ServingTopics topics = ServingTopics.prefixed(run + "-");
        kafka.createTopic(topics.data(), partitions);
        kafka.createCompactedTopic(topics.models(), 1);
        kafka.createTopic(topics.scored(), partitions, APPEND_TIME);
        kafka.createTopic(topics.deadLetters(), partitions, APPEND_TIME);
        return topics;
    }
}
