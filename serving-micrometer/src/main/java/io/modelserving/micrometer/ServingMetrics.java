package io.modelserving.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelserving.EnsembleResult;
import io.modelserving.ModelRole;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.ServingListener;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The serving meters both adapters record, under the same names and tags:
 * <ul>
 *   <li>{@code modelserving.records} (counter; tags {@code data_type}, {@code outcome} = scored | failed |
 *       no-model, {@code role} = primary | canary | ensemble, the role of the model that served the record,
 *       primary when none did): data records by outcome;</li>
 *   <li>{@code modelserving.scoring} (timer; tags {@code data_type}, {@code role}): time spent scoring a
 *       record;</li>
 *   <li>{@code modelserving.shadow.results} (counter; tags {@code data_type}, {@code model} (the shadow's label),
 *       {@code outcome} = agreed | disagreed | not-compared | failed | timed-out | skipped): what a data type's
 *       shadow model made of the records another model served: agreed or disagreed when compared with the
 *       served result, not-compared when the served result was no score, timed-out when the record did not wait
 *       past the shadow deadline, skipped when every shadow thread was busy, failed when the shadow model
 *       failed;</li>
 *   <li>{@code modelserving.shadow.difference} (distribution summary; tags {@code data_type}, {@code model}): the
 *       absolute difference between the served and the shadow's value, for compared records that have one;</li>
 *   <li>{@code modelserving.ensemble.decisions} (counter; tags {@code data_type}, {@code decider},
 *       {@code chosen} = the label of the member whose answer was served, {@code none} when the decider accepted
 *       none and the record failed): how a data type's ensemble decided its records;</li>
 *   <li>{@code modelserving.ensemble.members} (counter; tags {@code data_type}, {@code model} (the member's label,
 *       the primary among them), {@code status} = scored | failed | unanswered | skipped): what each member did
 *       with each record: answered before the decision, scored or failed; not waited for; or not asked, having
 *       as many calls running as it may;</li>
 *   <li>{@code modelserving.ensemble.member.latency} (timer; tags {@code data_type}, {@code model}): the time
 *       from asking a member to its answer, for members that answered (scored or failed);</li>
 *   <li>{@code modelserving.dead.letters} (counter; tags {@code data_type}, {@code kind}): records written to
 *       the dead-letter topic, data and models;</li>
 *   <li>{@code modelserving.model.updates} (counter; tags {@code data_type}, {@code result} = accepted |
 *       rejected).</li>
 * </ul>
 * In Prometheus text they read {@code modelserving_records_total{data_type="wine",outcome="scored",role="primary"}}
 * and so on; {@code sum without (role) (...)} gives the totals of a data type whichever model served.
 * The scoring timer and the ensemble member latency publish a histogram, so p50 and p99 can be computed in
 * Prometheus ({@code histogram_quantile(0.99, rate(modelserving_scoring_seconds_bucket[1m]))}).
 * An unknown data type is tagged {@code unknown}. Data types come from untrusted records, so the tags are capped:
 * past {@link #MAX_DATA_TYPE_TAGS} distinct data types, further ones are tagged {@code other}.
 *
 * <p>It is a {@link ServingListener}: give it to an adapter's settings and it counts every serving event.
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();     // or ServingHttpServer.prometheusRegistry()
 * ServingMetrics metrics = new ServingMetrics(registry);
 * metrics.scored(scorer.score(features));
 * }</pre>
 */
public final class ServingMetrics implements ServingListener {

    /** Tag value for a record whose data type is not known. */
    public static final String UNKNOWN = "unknown";
    /** Tag value for data types past {@link #MAX_DATA_TYPE_TAGS}. */
    public static final String OTHER = "other";
    /** The most distinct data types tagged by name. */
    public static final int MAX_DATA_TYPE_TAGS = 100;

    private final Set<String> tagged = ConcurrentHashMap.newKeySet();

    private final MeterRegistry registry;
    // Every scored record touches these: look them up once per data type, not through the registry each time.
    private final Map<String, Counter> records = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> shadowResults = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> shadowDifferences = new ConcurrentHashMap<>();
    private final EnsembleMeters ensembles;

    public ServingMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.ensembles = new EnsembleMeters(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts a scoring outcome and times it when a model ran, tagged with the role of that model. */
    @Override
    public void scored(ScoringResult<?> result) {
        String dataType = tag(result.dataType());
        if (result instanceof ScoringResult.Scored<?> scored) {
            String role = scored.model().role().label();
            count(dataType, role, "scored");
            time(dataType, role, scored.durationNanos());
        } else if (result instanceof ScoringResult.Failed<?> failed) {
            String role = (failed.model() == null ? ModelRole.PRIMARY : failed.model().role()).label();
            count(dataType, role, "failed");
            if (failed.model() != null) {
                time(dataType, role, failed.durationNanos());
            }
        } else {
            count(dataType, ModelRole.PRIMARY.label(), "no-model");
        }
    }

    /** Counts a shadow result by outcome and records the difference when the results were compared. */
    @Override
    public void shadowed(ShadowResult<?> shadow) {
        String dataType = tag(shadow.result().dataType());
        String model = shadow.model().label();
        String outcome = ShadowOutcome.of(shadow);
        shadowResults.computeIfAbsent(dataType + '\u0000' + model + '\u0000' + outcome,
                key -> Counter.builder("modelserving.shadow.results").description("Shadow model results by outcome")
                        .tag("data_type", dataType).tag("model", model).tag("outcome", outcome).register(registry))
                .increment();
        if (shadow.compared() && Double.isFinite(shadow.difference())) {
            shadowDifferences.computeIfAbsent(dataType + '\u0000' + model,
                    key -> DistributionSummary.builder("modelserving.shadow.difference")
                            .description("Absolute difference between the served and the shadow model's value")
                            .tag("data_type", dataType).tag("model", model).register(registry))
                    .record(shadow.difference());
        }
    }

    /**
     * Counts an ensemble's decision by decider and chosen member, and each member's part in it; times the members
     * that answered. The data type is the members'.
     */
    @Override
    public void ensembleDecided(EnsembleResult decision) {
        String dataType = tag(decision.members().isEmpty() ? null : decision.members().get(0).model().dataType());
        ensembles.record(dataType, decision);
    }

    /** Counts a record written to the dead-letter topic. */
    @Override
    public void deadLettered(DeadLetter letter) {
        Counter.builder("modelserving.dead.letters").description("Records written to the dead-letter topic")
                .tag("data_type", tag(letter.dataType())).tag("kind", letter.kind().header()).register(registry)
                .increment();
    }

    /** Counts a model update, accepted or rejected. */
    @Override
    public void modelUpdated(ModelUpdate update) {
        Counter.builder("modelserving.model.updates").description("Model updates by result")
                .tag("data_type", tag(update.model().dataType()))
                .tag("result", update.accepted() ? "accepted" : "rejected").register(registry).increment();
    }

    private void count(String dataType, String role, String outcome) {
        records.computeIfAbsent(dataType + '\u0000' + role + '\u0000' + outcome,
                key -> Counter.builder("modelserving.records").description("Data records by scoring outcome")
                        .tag("data_type", dataType).tag("outcome", outcome).tag("role", role).register(registry))
                .increment();
    }

    private void time(String dataType, String role, long nanos) {
        timers.computeIfAbsent(dataType + '\u0000' + role, key -> Timer.builder("modelserving.scoring")
                .description("Time spent scoring one record")
                .publishPercentileHistogram()
                .tag("data_type", dataType).tag("role", role).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private String tag(String dataType) {
        if (dataType == null || dataType.isEmpty()) {
            return UNKNOWN;
        }
        if (tagged.contains(dataType)) {
            return dataType;
        }
        synchronized (tagged) {
            if (tagged.size() < MAX_DATA_TYPE_TAGS) {
                tagged.add(dataType);
                return dataType;
            }
        }
        return OTHER;
    }
}
