package io.modelserving.http;

import io.modelserving.CandidateStats;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ShadowComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shadow, canary and ensemble members of one data type across instances, as {@link ApplicationStats} adds them
 * up. The shadow and the canary per role, as for the primary: the model (and the canary's percent) is the one that
 * took the role most recently on any instance. An ensemble has several members, so each is added up on its own,
 * by name: the model shown is the newest of that name (its version may differ during a swap). Counters and times
 * are added up, except the p99, which is the largest instance's p99 (a bound, since percentiles do not add up).
 * Of a shadow's comparison, the mean absolute difference is the instances' means weighted by the records each
 * compared.
 *
 * <pre>{@code
 * List<CandidateStats> total = CandidateTotals.of(instances);
 * }</pre>
 */
final class CandidateTotals {

    private CandidateTotals() {
    }

    /** The shadow, then the canary, then the ensemble members in the order the instances first list them. */
    static List<CandidateStats> of(List<InstanceStats> instances) {
        Map<String, List<CandidateStats>> groups = new LinkedHashMap<>();
        groups.put(ModelRole.SHADOW.label(), new ArrayList<>());
        groups.put(ModelRole.CANARY.label(), new ArrayList<>());
        for (InstanceStats instance : instances) {
            for (CandidateStats candidate : instance.stats().candidates()) {
                key(candidate).ifPresent(key -> groups.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate));
            }
        }
        List<CandidateStats> totals = new ArrayList<>();
        groups.values().forEach(each -> total(each).ifPresent(totals::add));
        return totals;
    }

    /** What candidates of several instances are added up by: the role, and for an ensemble member its name. */
    private static Optional<String> key(CandidateStats candidate) {
        return switch (candidate.role()) {
            case SHADOW, CANARY -> Optional.of(candidate.role().label());
            case ENSEMBLE -> Optional.of(candidate.role().label() + ':' + candidate.model().name());
            case PRIMARY, PREVIOUS -> Optional.empty();
        };
    }

    private static Optional<CandidateStats> total(List<CandidateStats> each) {
        Optional<CandidateStats> newest = each.stream()
                .max(Comparator.comparing((CandidateStats c) -> c.model().since()));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        ModelInfo model = newest.get().model();
        long invocations = 0;
        long failures = 0;
        long totalNanos = 0;
        long p99 = 0;
        for (CandidateStats c : each) {
            invocations += c.invocations();
            failures += c.failures();
            totalNanos += c.totalNanos();
            p99 = Math.max(p99, c.p99Nanos());
        }
        return Optional.of(new CandidateStats(model, newest.get().canaryPercent(), invocations, failures, totalNanos,
                comparison(each), p99));
    }

    /** The comparisons added up; null when no instance has one (a canary). */
    private static ShadowComparison comparison(List<CandidateStats> each) {
        long records = 0;
        long compared = 0;
        long agreed = 0;
        long failures = 0;
        long timedOut = 0;
        long skipped = 0;
        long p99 = 0;
        double weightedDifference = 0;
        long weight = 0;
        boolean any = false;
        for (CandidateStats candidate : each) {
            ShadowComparison c = candidate.comparison();
            if (c == null) {
                continue;
            }
            any = true;
            records += c.records();
            compared += c.compared();
            agreed += c.agreed();
            failures += c.failures();
            timedOut += c.timedOut();
            skipped += c.skipped();
            p99 = Math.max(p99, c.p99Nanos());
            if (c.compared() > 0 && Double.isFinite(c.meanAbsoluteDifference())) {
                weightedDifference += c.meanAbsoluteDifference() * c.compared();
                weight += c.compared();
            }
        }
        return !any ? null : new ShadowComparison(records, compared, agreed,
                weight == 0 ? Double.NaN : weightedDifference / weight, failures, timedOut, skipped, p99);
    }
}
