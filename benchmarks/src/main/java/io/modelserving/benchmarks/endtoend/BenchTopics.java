package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.KafkaHelpers;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Fresh topics for each run, so no run sees another's records, offsets or models. */
final class BenchTopics {

    /**
     * The largest model message: room for the 10 MB large model and its envelope. Kafka's default (1 MB on the
     * topic and in the producer) would refuse it.
     */
    static final int MAX_MODEL_MESSAGE_BYTES = 16 * 1024 * 1024;

    // The broker stamps output records on append, so a run is timed by the broker's own clock, not by when a
    // reader happened to poll.
    private static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

    private BenchTopics() {
    }

    /**
     * Creates data, model (compacted, one partition, messages up to {@link #MAX_MODEL_MESSAGE_BYTES}), scored and
     * dead-letter topics named after {@code run}.
     */
    static ServingTopics create(KafkaHelpers kafka, String run, int partitions) {
        ServingTopics topics = ServingTopics.prefixed(run + "-");
        kafka.createTopic(topics.data(), partitions);
        kafka.createTopic(topics.models(), 1, Map.of("cleanup.policy", "compact",
                "max.message.bytes", Integer.toString(MAX_MODEL_MESSAGE_BYTES)));
        kafka.createTopic(topics.scored(), partitions, APPEND_TIME);
        kafka.createTopic(topics.deadLetters(), partitions, APPEND_TIME);
        return topics;
    }

    /**
     * Properties of a producer of models up to {@link #MAX_MODEL_MESSAGE_BYTES}; its default buffer (32 MB) holds
     * one such model, which is all a model producer sends at a time.
     */
    static Properties modelProducerProperties(KafkaHelpers kafka) {
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_MODEL_MESSAGE_BYTES));
        return props;
    }
}
