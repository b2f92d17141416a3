package io.modelserving.kafka;

import io.modelserving.ModelInfo;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelSignature;
import io.modelserving.ServingStats;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an adapter shows of one serving instance, over HTTP or any other surface: its models and stats, its
 * liveness and readiness, and where the other instances of the same application answer. The HTTP module's
 * {@code ServingHttpServer} asks the peers for their stats itself, so an adapter only says who they are.
 *
 * <pre>{@code
 * ServingView view = ServingView.of(processor, () -> Readiness.up());
 * ServingHttpServer server = ServingHttpServer.builder(view, registry).start();
 * }</pre>
 */
public interface ServingView {

    /** The current (primary) model of each data type on this instance. */
    Map<String, ModelInfo> models();

    /**
     * The shadow and canary models of each data type that has any on this instance ({@link ModelInfo#role()} says
     * which); none by default.
     */
    default Map<String, List<ModelInfo>> candidates() {
        return Map.of();
    }

    /** The inputs and outputs of a data type's current model on this instance, where its format says. */
    default Optional<ModelSignature> signature(String dataType) {
        return Optional.empty();
    }

    /** This instance's stats of one data type; empty when this instance has never seen it. */
    Optional<ServingStats> stats(String dataType);

    /** Whether this instance is ready; {@code GET /health} and {@code /health/ready} answer 200 only when it is. */
    Readiness readiness();

    /**
     * Whether this instance's engine still runs ({@code GET /health/live}): down only once it has stopped or failed
     * for good, when restarting the process is the cure. Rebalancing, restoring or losing the broker for a while
     * is not ready but still live. Up by default.
     */
    default Readiness liveness() {
        return Readiness.up();
    }

    /** This instance's name in answers, typically its {@code host:port}. */
    default String instance() {
        return "local";
    }

    /** Base URIs ({@code http://host:port}) of the other instances of the application; none by default. */
    default List<URI> peers() {
        return List.of();
    }

    /** A single-instance view of a processor. */
    static ServingView of(ModelProcessor<?, ?> processor, Supplier<Readiness> readiness) {
        return new ServingView() {
            @Override
            public Map<String, ModelInfo> models() {
                return processor.currentModels();
            }

            @Override
            public Map<String, List<ModelInfo>> candidates() {
                return processor.candidateModels();
            }

            @Override
            public Optional<ModelSignature> signature(String dataType) {
                return processor.signature(dataType);
            }

            @Override
            public Optional<ServingStats> stats(String dataType) {
                return Optional.ofNullable(processor.stats().get(dataType));
            }

            @Override
            public Readiness readiness() {
                return readiness.get();
            }
        };
    }
}
