package io.modelserving.akka.javadsl;

import akka.Done;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The handle of a running {@link KafkaModelServing} stream: its stats (from {@link ServingControl}), its
 * liveness and readiness, an HTTP view, and a graceful stop.
 *
 * <pre>{@code
 * KafkaServingControl control = KafkaModelServing.run(system, settings, ServingSpec.forFeatures(processor));
 * ServingHttpServer http = ServingHttpServer.builder(control.view("host-1:8080", List.of()), registry).start();
 * ...
 * control.drainAndShutdown().toCompletableFuture().join();   // on shutdown
 * }</pre>
 */
public interface KafkaServingControl extends ServingControl {

    DeliveryGuarantee deliveryGuarantee();

    /**
     * Stops consuming, lets every record already consumed be scored, written and committed, then stops the
     * stream; an instance with an {@linkplain KafkaServingSettings#withInstanceId instance id} then leaves its
     * group, so its partitions move to the other instances at once. Completes when all of that is done; fails
     * with the stream's failure if it failed.
     */
    CompletionStage<Done> drainAndShutdown();

    /** Completes when the stream has stopped, by {@link #drainAndShutdown} or by a failure. */
    CompletionStage<Done> streamCompletion();

    /** Ready once the models are restored, until the stream stops. */
    Readiness readiness();

    /**
     * Live until the stream has stopped or failed (with the failure as the detail): what {@code GET /health/live}
     * reports, so that an orchestrator restarts an instance whose stream is gone.
     */
    Readiness liveness();

    /** This instance as the HTTP endpoints show it, named {@code instance}, with a fixed list of the other instances. */
    default ServingView view(String instance, List<URI> peers) {
        List<URI> fixed = List.copyOf(peers);
        return view(instance, () -> fixed);
    }

    /**
     * This instance as the HTTP endpoints show it, named {@code instance}, with the other instances' URIs as
     * {@code peers} gives them at each request, so they can change while it runs, e.g. from an
     * {@link io.modelserving.kafka.InstanceDirectory}:
     *
     * <pre>{@code
     * ServingView view = control.view("host-1:8080", directory::peers);
     * }</pre>
     */
    default ServingView view(String instance, Supplier<List<URI>> peers) {
        Objects.requireNonNull(instance, "instance");
        return view(() -> instance, peers);
    }

    /**
     * As {@link #view(String, Supplier)}, for a name known only later, typically {@code host:port} once the HTTP
     * server has bound port 0.
     */
    ServingView view(Supplier<String> instance, Supplier<List<URI>> peers);

    /** The data consumer's Kafka metrics. */
    CompletionStage<Map<MetricName, Metric>> consumerMetrics();
}
