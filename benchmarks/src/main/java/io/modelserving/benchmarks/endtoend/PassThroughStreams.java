package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.ServingTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** Baseline: plain Kafka Streams copying the data topic's bytes to the scored topic, nothing decoded or scored. */
final class PassThroughStreams implements Pipeline {

    private final KafkaStreams streams;

    PassThroughStreams(String bootstrapServers, ServingTopics topics, String applicationId, Path workDir,
                       PipelineSetup setup) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                setup.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, setup.threads());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.STATE_DIR_CONFIG, workDir.toString());
        // as ModelServingStreams.properties sets it, so both Streams pipelines run with the same configuration
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // a builder with the same config; without it, it builds a default one that warns about the flag above
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        builder.stream(topics.data(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(topics.scored(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        streams = new KafkaStreams(builder.build(), props);
    }

    @Override
    public void start() {
        streams.start();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
