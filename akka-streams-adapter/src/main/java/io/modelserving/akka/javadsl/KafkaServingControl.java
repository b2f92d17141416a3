package io.modelserving.akka.javadsl;

import akka.Done;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The handle of a running {@link KafkaModelServing} stream: its stats (from {@link ServingControl}), its
 * readiness, an HTTP view, and a graceful stop.
 *
 * <pre>{@code
 * KafkaServingControl control = KafkaModelServing.run(system, settings, ServingSpec.forFeatures(processor));
 * ServingHttpServer http = ServingHttpServer.start(control.view("host-1:8080", List.of()), registry,
 *         new InetSocketAddress(8080));
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

    /** This instance as the HTTP endpoints show it, named {@code instance}, with the other instances' URIs. */
    ServingView view(String instance, List<URI> peers);

    /** The data consumer's Kafka metrics. */
    CompletionStage<Map<MetricName, Metric>> consumerMetrics();
}
