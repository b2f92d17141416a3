package io.modelserving.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelserving.EnsembleResult;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The ensemble meters of {@link ServingMetrics}: one decision counted by decider and chosen member, each member's
 * part in it by status, and the latency of the members that answered. The data type comes already capped; model
 * labels come from the model topic, and an ensemble has at most {@link io.modelserving.Ensemble#MAX_MEMBERS}
 * members besides the primary, so the series per data type stay few.
 *
 * <pre>{@code
 * EnsembleMeters meters = new EnsembleMeters(registry);
 * meters.record("wine", decision);
 * }</pre>
 */
final class EnsembleMeters {

    /** The {@code chosen} tag of a record whose ensemble accepted no answer, so that the record failed. */
    static final String NONE = "none";

    private final MeterRegistry registry;
    // Every record of a data type with an ensemble touches these: look them up once, not through the registry.
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> members = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    EnsembleMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts {@code decision} of a record of {@code dataType} (a tag value already) and its members' parts. */
    void record(String dataType, EnsembleResult decision) {
        String decider = decision.decider();
        String chosen = decision.chosen().map(member -> member.model().label()).orElse(NONE);
        decisions.computeIfAbsent(dataType + '\u0000' + decider + '\u0000' + chosen,
                key -> Counter.builder("modelserving.ensemble.decisions")
                        .description("Ensemble decisions by decider and chosen member")
                        .tag("data_type", dataType).tag("decider", decider).tag("chosen", chosen)
                        .register(registry))
                .increment();
        for (EnsembleResult.Member member : decision.members()) {
            String model = member.model().label();
            String status = status(member.status());
            members.computeIfAbsent(dataType + '\u0000' + model + '\u0000' + status,
                    key -> Counter.builder("modelserving.ensemble.members")
                            .description("What each ensemble member did with a record")
                            .tag("data_type", dataType).tag("model", model).tag("status", status)
                            .register(registry))
                    .increment();
            if (member.status() == EnsembleResult.Status.SCORED || member.status() == EnsembleResult.Status.FAILED) {
                latencies.computeIfAbsent(dataType + '\u0000' + model,
                        key -> Timer.builder("modelserving.ensemble.member.latency")
                                .description("Time from asking an ensemble member to its answer")
                                .publishPercentileHistogram()
                                .tag("data_type", dataType).tag("model", model).register(registry))
                        .record(member.latencyNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** {@code scored}, {@code failed}, {@code unanswered} or {@code skipped}. */
    static String status(EnsembleResult.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
