package io.modelserving.kafkastreams.internal;

import io.modelserving.ModelInfo;
import io.modelserving.ModelSignature;
import io.modelserving.ModelProcessor;
import io.modelserving.ServingStats;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** A {@link ServingView} of one instance; its peers are the other hosts in the Kafka Streams metadata. */
public final class StreamsServingView implements ServingView {

    private final ServingView local;
    private final Supplier<KafkaStreams> streams;
    private final Supplier<Readiness> liveness;
    private volatile HostInfo self;

    public StreamsServingView(ModelProcessor<?, ?> processor, Supplier<KafkaStreams> streams,
                              Supplier<Readiness> readiness, Supplier<Readiness> liveness) {
        this.local = ServingView.of(processor, readiness);
        this.streams = streams;
        this.liveness = liveness;
    }

    public void self(HostInfo hostInfo) {
        this.self = hostInfo;
    }

    @Override
    public Map<String, ModelInfo> models() {
        return local.models();
    }

    @Override
    public Map<String, List<ModelInfo>> candidates() {
        return local.candidates();
    }

    @Override
    public Optional<ModelSignature> signature(String dataType) {
        return local.signature(dataType);
    }

    @Override
    public Optional<ServingStats> stats(String dataType) {
        return local.stats(dataType);
    }

    @Override
    public Readiness readiness() {
        return local.readiness();
    }

    @Override
    public Readiness liveness() {
        return liveness.get();
    }

    @Override
    public String instance() {
        HostInfo me = self;
        return me == null ? "local" : me.host() + ":" + me.port();
    }

    @Override
    public List<URI> peers() {
        KafkaStreams current = streams.get();
        HostInfo me = self;
        if (current == null || me == null) {
            return List.of();
        }
        return current.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(me) && host.port() > 0)
                .distinct()
                .map(host -> URI.create("http://" + host.host() + ":" + host.port()))
                .toList();
    }
}
