package io.modelserving.akka.internal.kafka;

import akka.Done;
import akka.kafka.javadsl.Consumer;
import io.modelserving.ModelInfo;
import io.modelserving.ModelServingException;
import io.modelserving.ModelSignature;
import io.modelserving.ServingStats;
import io.modelserving.akka.javadsl.KafkaServingControl;
import io.modelserving.akka.javadsl.ServingControl;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** {@link KafkaServingControl} over Alpakka's draining control and the serving flow's control. */
public final class KafkaControl implements KafkaServingControl {

    private final ServingControl serving;
    private final Consumer.DrainingControl<Done> draining;
    private final DeliveryGuarantee guarantee;
    private final Executor executor;
    private final Supplier<Optional<String>> notConnected;
    private final Supplier<CompletionStage<Done>> onDrained;

    /**
     * @param notConnected why the data consumer is not part of its group and the cluster, if it is not
     * @param onStop    closed once the stream has stopped
     * @param onDrained run after a clean {@link #drainAndShutdown()}, which completes after it
     */
    public KafkaControl(ServingControl serving, Consumer.DrainingControl<Done> draining, DeliveryGuarantee guarantee,
                        Executor executor, Supplier<Optional<String>> notConnected, AutoCloseable onStop,
                        Supplier<CompletionStage<Done>> onDrained) {
        this.serving = serving;
        this.draining = draining;
        this.guarantee = guarantee;
        this.executor = executor;
        this.notConnected = notConnected;
        this.onDrained = onDrained;
        draining.streamCompletion().whenComplete((done, failure) -> {
            try {
                onStop.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(KafkaControl.class).warn("Closing after the stream failed", e);
            }
        });
    }

    @Override
    public Map<String, ModelInfo> currentModels() {
        return serving.currentModels();
    }

    @Override
    public Map<String, List<ModelInfo>> candidateModels() {
        return serving.candidateModels();
    }

    @Override
    public Optional<ModelSignature> signature(String dataType) {
        return serving.signature(dataType);
    }

    @Override
    public Map<String, ServingStats> stats() {
        return serving.stats();
    }

    @Override
    public CompletionStage<Done> modelsRestored() {
        return serving.modelsRestored();
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return guarantee;
    }

    @Override
    public CompletionStage<Done> drainAndShutdown() {
        return draining.drainAndShutdown(executor).thenCompose(done -> onDrained.get());
    }

    @Override
    public CompletionStage<Done> streamCompletion() {
        return draining.streamCompletion();
    }

    @Override
    public Readiness readiness() {
        var completion = draining.streamCompletion().toCompletableFuture();
        if (completion.isDone()) {
            return Readiness.down(completion.isCompletedExceptionally() ? "the serving stream failed"
                    : "the serving stream has stopped");
        }
        var restored = modelsRestored().toCompletableFuture();
        if (!restored.isDone()) {
            return Readiness.down("restoring models from the model topic");
        }
        Optional<String> cutOff = notConnected.get();
        if (cutOff.isPresent()) {
            return Readiness.down(cutOff.get());
        }
        return Readiness.up(guarantee.name().toLowerCase(Locale.ROOT) + ", models "
                + currentModels().keySet());
    }

    @Override
    public Readiness liveness() {
        CompletableFuture<Done> completion = draining.streamCompletion().toCompletableFuture();
        if (!completion.isDone()) {
            return Readiness.up("the serving stream is running");
        }
        try {
            completion.join();
            return Readiness.down("the serving stream has stopped");
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return Readiness.down("the serving stream failed: " + ModelServingException.reasonOf(cause));
        }
    }

    @Override
    public ServingView view(Supplier<String> instance, Supplier<List<URI>> peers) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(peers, "peers");
        return new ServingView() {
            @Override
            public Map<String, ModelInfo> models() {
                return currentModels();
            }

            @Override
            public Map<String, List<ModelInfo>> candidates() {
                return candidateModels();
            }

            @Override
            public Optional<ModelSignature> signature(String dataType) {
                return KafkaControl.this.signature(dataType);
            }

            @Override
            public Optional<ServingStats> stats(String dataType) {
                return Optional.ofNullable(KafkaControl.this.stats().get(dataType));
            }

            @Override
            public Readiness readiness() {
                return KafkaControl.this.readiness();
            }

            @Override
            public Readiness liveness() {
                return KafkaControl.this.liveness();
            }

            @Override
            public String instance() {
                return instance.get();
            }

            @Override
            public List<URI> peers() {
                List<URI> others = peers.get();
                return others == null ? List.of() : List.copyOf(others);
            }
        };
    }

    @Override
    public CompletionStage<Map<MetricName, Metric>> consumerMetrics() {
        return draining.getMetrics();
    }
}
