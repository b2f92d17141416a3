package io.modelserving.benchmarks.endtoend;

import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.kafkastreams.ModelServingStreams;
import io.modelserving.kafkastreams.ServingConfig;
import io.modelserving.kafkastreams.ServingTopology;
import io.modelserving.onnx.OnnxModelFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams adapter's serving topology at the run's guarantee and stream threads, scoring {@link Features} with ONNX models. */
final class KafkaStreamsServingPipeline implements Pipeline {

    private final ModelProcessor<Features, Prediction> processor;
    private final KafkaStreams streams;

    KafkaStreamsServingPipeline(String bootstrapServers, ServingTopics topics, String applicationId, Path workDir,
                                PipelineSetup setup) {
        // Only the ONNX factory: the TensorFlow one on the class path would be found by ServiceLoader too.
        processor = ModelProcessor.<Features, Prediction>builder().factories(List.of(new OnnxModelFactory())).build();
        ServingTopology<Features, Prediction> serving =
                ModelServingStreams.topology(ServingConfig.forFeatures(processor).withTopics(topics));
        streams = new KafkaStreams(serving.topology(), properties(applicationId, bootstrapServers, workDir, setup));
    }

    /**
     * The serving application's properties, as {@link ModelServingStreams#properties} gives them for the run's
     * guarantee (at-least-once commits every second), with the run's stream threads (as {@code serve --threads}
     * sets them), reading from the earliest offset. The hand-written topology runs with the same ones, so the
     * difference between the two is the serving code.
     */
    static Properties properties(String applicationId, String bootstrapServers, Path workDir, PipelineSetup setup) {
        Properties props = ModelServingStreams.properties(applicationId, bootstrapServers, setup.guarantee());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, setup.threads());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.STATE_DIR_CONFIG, workDir.toString());
        return props;
    }

    @Override
    public void start() {
        streams.start();
    }

    @Override
    public void close() {
        try {
            streams.close(Duration.ofSeconds(30));
        } finally {
            processor.close();
        }
    }
}
