package io.modelserving.kafkastreams;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ServingStats;
import io.modelserving.contract.InstanceSettings;
import io.modelserving.contract.ServingInstance;
import io.modelserving.http.ServingActivity;
import io.modelserving.http.ServingHttpServer;
import io.modelserving.micrometer.ServingMetrics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/** One Kafka Streams serving instance with its HTTP endpoints, as an application would run it. */
final class StreamsServingInstance implements ServingInstance {

    final ModelProcessor<Features, Prediction> processor;
    final ServingTopology<Features, Prediction> serving;
    final KafkaStreams streams;
    final ServingHttpServer http;
    final ServingActivity activity = new ServingActivity();

    StreamsServingInstance(InstanceSettings settings) {
        processor = settings.processor().newProcessor();
        PrometheusMeterRegistry registry = ServingHttpServer.prometheusRegistry();
        serving = ModelServingStreams.topology(ServingConfig.create(settings.format().spec(processor))
                .withTopics(settings.topics())
                .withNoModelPolicy(settings.noModelPolicy())
                .withNoModelWait(settings.noModelWait())
                .withMetrics(new ServingMetrics(registry))
                .withListener(activity));
        http = ServingHttpServer.builder(serving.runtime().view(), registry)
                .address(new InetSocketAddress("127.0.0.1", 0)).activity(activity).start();
        Properties props = ModelServingStreams.properties(settings.applicationId(), settings.bootstrapServers(),
                settings.guarantee());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + http.port());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(settings.properties());
        streams = new KafkaStreams(serving.topology(), props);
        serving.runtime().attach(streams, props);
        streams.start();
    }

    @Override
    public OptionalInt httpPort() {
        return OptionalInt.of(http.port());
    }

    @Override
    public boolean ready() {
        return serving.runtime().readiness().ready();
    }

    @Override
    public Map<String, ModelInfo> currentModels() {
        return processor.currentModels();
    }

    @Override
    public Map<String, List<ModelInfo>> candidateModels() {
        return serving.runtime().view().candidates();
    }

    @Override
    public ServingStats stats(String dataType) {
        return processor.stats(dataType);
    }

    @Override
    public void close() {
        try {
            // Leave the group, so the next member gets the partitions without waiting out the session.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(60)));
        } finally {
            http.close();
            processor.close();
        }
    }
}
