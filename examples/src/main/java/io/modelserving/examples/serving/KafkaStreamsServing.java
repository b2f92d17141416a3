package io.modelserving.examples.serving;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ServingStats;
import io.modelserving.http.ServingActivity;
import io.modelserving.http.ServingHttpServer;
import io.modelserving.kafka.ServingSpec;
import io.modelserving.kafkastreams.ModelServingStreams;
import io.modelserving.kafkastreams.ServingConfig;
import io.modelserving.kafkastreams.ServingTopology;
import io.modelserving.micrometer.ServingMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/** The serving microservice on Kafka Streams, with its HTTP endpoints. */
final class KafkaStreamsServing implements ServingApp {

    private final ModelProcessor<Features, Prediction> processor;
    private final ServingTopology<Features, Prediction> serving;
    private final KafkaStreams streams;
    private final ServingHttpServer http;
    private final CompletableFuture<String> died = new CompletableFuture<>();

    private KafkaStreamsServing(ServingOptions options) {
        processor = ServingApp.processor(options);
        // tag::kafka-streams-serving[]
        Properties props = ModelServingStreams.properties(options.applicationId(), options.bootstrapServers(),
                options.guarantee());
        props.putAll(options.kafka().properties()); // security and other client settings, for every client
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir().toString()); // kept across restarts
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads()); // one per core by default
        options.instanceId().ifPresent(id -> ModelServingStreams.withInstanceId(props, id)); // resume at once
        options.sessionTimeout().ifPresent(timeout -> props.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) timeout.toMillis()));
        PrometheusMeterRegistry registry = ServingHttpServer.prometheusRegistry();
        ServingActivity activity = new ServingActivity(); // the last 10 minutes, for /activity and the dashboard
        // ServingSpec.of(processor, recordCodec, Codecs.predictions(), Features::dataType), in the chosen formats
        ServingSpec<Features, Prediction> spec = ServingApp.spec(options, processor);
        serving = ModelServingStreams.topology(ServingConfig.create(spec)
                        .withTopics(options.topics())
                        .withNoModelPolicy(options.noModelPolicy())
                        .withNoModelWait(options.noModelWait())
                        .withMetrics(new ServingMetrics(registry))
                        .withListener(activity),
                props);
        http = ServingHttpServer.builder(serving.runtime().view(), registry)
                .address(options.httpAddress())
                .activity(activity)
                .start();
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, options.advertisedHost() + ":" + http.port()); // for /state across instances

        streams = new KafkaStreams(serving.topology(), props);
        serving.runtime().attach(streams, props); // readiness for /health, Kafka Streams metrics for /metrics
        streams.setUncaughtExceptionHandler(failure -> StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                died.complete("Kafka Streams failed (state ERROR)");   // the process should end and restart
            }
        });
        streams.start();
        // end::kafka-streams-serving[]
    }

    static ServingApp start(ServingOptions options) {
        return new KafkaStreamsServing(options);
    }

    @Override
    public CompletionStage<String> died() {
        return died;
    }

    @Override
    public boolean ready() {
        return serving.runtime().readiness().ready();
    }

    @Override
    public int httpPort() {
        return http.port();
    }

    @Override
    public Map<String, ServingStats> stats() {
        return processor.stats();
    }

    @Override
    public void close() {
        try {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        } finally {
            http.close();
            processor.close();
        }
    }
}
