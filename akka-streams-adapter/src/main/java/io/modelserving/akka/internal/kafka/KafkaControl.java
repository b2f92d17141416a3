package io.modelserving.akka.internal.kafka;

import akka.Done;
import akka.kafka.javadsl.Consumer;
import io.modelserving.akka.internal.stage.ProcessorControl;
import io.modelserving.akka.internal.stage.StageHandle;
import io.modelserving.ModelInfo;
import io.modelserving.ModelProcessor;
import io.modelserving.ServingStats;
import io.modelserving.akka.javadsl.KafkaServingControl;
import io.modelserving.http.Readiness;
import io.modelserving.http.ServingView;
import io.modelserving.kafka.DeliveryGuarantee;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** {@link KafkaServingControl} over Alpakka's draining control and the serving stage's handle. */
public final class KafkaControl extends ProcessorControl implements KafkaServingControl {

    private final Consumer.DrainingControl<Done> draining;
    private final DeliveryGuarantee guarantee;
    private final Executor executor;
    private final GroupMembership membership;

    public KafkaControl(ModelProcessor<?, ?> processor, StageHandle handle, Consumer.DrainingControl<Done> draining,
                        DeliveryGuarantee guarantee, Executor executor, GroupMembership membership,
                        AutoCloseable onStop) {
        super(processor, handle);
        this.draining = draining;
        this.guarantee = guarantee;
        this.executor = executor;
        this.membership = membership;
        draining.streamCompletion().whenComplete((done, failure) -> {
            try {
                onStop.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(KafkaControl.class).warn("Closing after the stream failed", e);
            }
        });
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return guarantee;
    }

    @Override
    public CompletionStage<Done> drainAndShutdown() {
        return draining.drainAndShutdown(executor);
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
        if (!membership.joined()) {
            return Readiness.down("joining consumer group of the data topic");
        }
        return Readiness.up(guarantee.name().toLowerCase(java.util.Locale.ROOT) + ", data partitions "
                + membership.assigned());
    }

    @Override
    public ServingView view(String instance, List<URI> peers) {
        List<URI> others = List.copyOf(peers);
        return new ServingView() {
            @Override
            public Map<String, ModelInfo> models() {
                return currentModels();
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
            public String instance() {
                return instance;
            }

            @Override
            public List<URI> peers() {
                return others;
            }
        };
    }

    @Override
    public CompletionStage<Map<MetricName, Metric>> consumerMetrics() {
        return draining.getMetrics();
    }
}
