package io.modelserving.http;

import io.modelserving.CandidateStats;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ShadowComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The shadow and canary of one data type across instances, as {@link ApplicationStats} adds them up. Per role, as
 * for the primary: the model (and the canary's percent) is the one that took the role most recently on any
 * instance; counters and times are added up. Of a shadow's comparison, the mean absolute difference is the
 * instances' means weighted by the records each compared, and the p99 is the largest instance's p99 (a bound,
 * since percentiles do not add up).
 *
 * <pre>{@code
 * List<CandidateStats> total = CandidateTotals.of(instances);
 * }</pre>
 */
final class CandidateTotals {

    private CandidateTotals() {
    }

    static List<CandidateStats> of(List<InstanceStats> instances) {
        List<CandidateStats> totals = new ArrayList<>();
        for (ModelRole role : List.of(ModelRole.SHADOW, ModelRole.CANARY)) {
            List<CandidateStats> each = new ArrayList<>();
            for (InstanceStats instance : instances) {
                instance.stats().candidate(role).ifPresent(each::add);
            }
            total(each).ifPresent(totals::add);
        }
        return totals;
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
        for (CandidateStats c : each) {
            invocations += c.invocations();
            failures += c.failures();
            totalNanos += c.totalNanos();
        }
        return Optional.of(new CandidateStats(model, newest.get().canaryPercent(), invocations, failures, totalNanos,
                comparison(each)));
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
