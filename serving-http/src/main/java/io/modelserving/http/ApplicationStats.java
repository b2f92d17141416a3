package io.modelserving.http;

import io.modelserving.ModelInfo;
import io.modelserving.ServingStats;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The stats of one data type across the instances of an application: what {@code GET /state/{dataType}}
 * answers.
 *
 * <p>The {@link #total} adds up what each instance scored (invocations, failures, no-model records, time) and
 * takes the extremes of min and max. Update counters are <em>not</em> added up: every instance applies every
 * model update, so the total shows the largest count of any instance. The current model is the one that
 * became current most recently on any instance (with a global model table they agree, except during a swap).
 * The shadow and the canary are added up in the same way, each role on its own, and each ensemble member on its
 * own, by name; of a shadow's comparison, the mean absolute difference is weighted by the records each instance
 * compared and the p99 is the largest.
 * The per-instance stats are kept in {@link #instances}.
 *
 * <pre>{@code
 * ApplicationStats stats = ApplicationStats.of("wine", List.of(local, fromPeer), List.of());
 * long scoredByAll = stats.total().invocations();
 * }</pre>
 *
 * @param dataType    the data type
 * @param total       the aggregate described above
 * @param instances   each instance that answered, in the order asked
 * @param unreachable instances that did not answer, each with the reason
 */
public record ApplicationStats(String dataType, ServingStats total, List<InstanceStats> instances,
                               List<String> unreachable) {

    public ApplicationStats {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(total, "total");
        instances = List.copyOf(instances);
        unreachable = List.copyOf(unreachable);
    }

    /** Aggregates the instances' stats as described in the type's documentation. */
    public static ApplicationStats of(String dataType, List<InstanceStats> instances, List<String> unreachable) {
        long invocations = 0;
        long failures = 0;
        long noModel = 0;
        long totalNanos = 0;
        long minNanos = Long.MAX_VALUE;
        long maxNanos = 0;
        long accepted = 0;
        long rejected = 0;
        String lastRejection = "";
        for (InstanceStats instance : instances) {
            ServingStats s = instance.stats();
            invocations += s.invocations();
            failures += s.failures();
            noModel += s.noModel();
            totalNanos += s.totalNanos();
            if (s.invocations() > 0) {
                minNanos = Math.min(minNanos, s.minNanos());
            }
            maxNanos = Math.max(maxNanos, s.maxNanos());
            accepted = Math.max(accepted, s.updatesAccepted());
            if (s.updatesRejected() > rejected) {
                rejected = s.updatesRejected();
                lastRejection = s.lastRejection();
            }
        }
        ModelInfo model = instances.stream().map(i -> i.stats().model()).filter(Objects::nonNull)
                .max(Comparator.comparing(ModelInfo::since)).orElse(null);
        ServingStats total = new ServingStats(dataType, model, invocations, failures, noModel, totalNanos,
                minNanos == Long.MAX_VALUE ? 0 : minNanos, maxNanos, accepted, rejected, lastRejection,
                CandidateTotals.of(instances));
        return new ApplicationStats(dataType, total, instances, unreachable);
    }
}
