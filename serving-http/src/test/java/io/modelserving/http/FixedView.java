package io.modelserving.http;

import io.modelserving.ModelInfo;
import io.modelserving.ServingStats;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A view of fixed answers; tests override a method to make one answer change, fail or take time. */
class FixedView implements ServingView {

    private final String instance;
    private final Map<String, ModelInfo> models;
    private final Map<String, ServingStats> stats;
    private final Readiness readiness;
    private final List<URI> peers;

    FixedView(String instance, Map<String, ModelInfo> models, Map<String, ServingStats> stats, Readiness readiness,
              List<URI> peers) {
        this.instance = instance;
        this.models = models;
        this.stats = stats;
        this.readiness = readiness;
        this.peers = peers;
    }

    /** An instance with no models, no stats, ready, alone. */
    static FixedView alone(String instance) {
        return new FixedView(instance, Map.of(), Map.of(), Readiness.up(), List.of());
    }

    @Override
    public Map<String, ModelInfo> models() {
        return models;
    }

    @Override
    public Optional<ServingStats> stats(String dataType) {
        return Optional.ofNullable(stats.get(dataType));
    }

    @Override
    public Readiness readiness() {
        return readiness;
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public List<URI> peers() {
        return peers;
    }
}
