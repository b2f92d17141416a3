package io.modelserving.contract;

import io.modelserving.ModelInfo;
import io.modelserving.ServingStats;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A running serving instance started by a {@link ServingContract} subclass.
 *
 * <pre>{@code
 * try (ServingInstance instance = start(settings)) {
 *     instance.httpPort().ifPresent(port -> System.out.println("http://localhost:" + port + "/models"));
 * }
 * }</pre>
 */
public interface ServingInstance extends AutoCloseable {

    /** The port of its HTTP endpoints, when it serves them. */
    default OptionalInt httpPort() {
        return OptionalInt.empty();
    }

    /**
     * Whether it is ready: consuming, with its restored models loaded. The contract waits for this before it
     * publishes data.
     */
    boolean ready();

    /** The model each data type is served by on this instance right now. */
    Map<String, ModelInfo> currentModels();

    /** The shadow and canary models of each data type that has any on this instance, as its view reports them. */
    Map<String, List<ModelInfo>> candidateModels();

    /** How {@code dataType} is served on this instance: its processor's stats, candidates included. */
    ServingStats stats(String dataType);

    /** Stops it gracefully: committed work stays committed, and it may be started again with the same settings. */
    @Override
    void close();
}
