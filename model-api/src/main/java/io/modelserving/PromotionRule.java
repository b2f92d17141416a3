package io.modelserving;

import java.time.Duration;
import java.util.Objects;

/**
 * When a shadow or a canary is promoted or retired without anyone acting: it travels in the candidate's
 * {@link ModelDescriptor}, so every instance judges the same rule, and the instance that writes the
 * application's model-topic messages publishes the decision there, so every instance applies it at the same
 * point of the model topic.
 *
 * <ul>
 *   <li><b>Promote</b> a shadow once at least {@code minCompared} records were compared, the shadow agreed on at
 *   least {@code minAgreement} of them, and its p99 scoring time is at most {@code maxP99} (any, when zero).
 *   A canary is not compared with anything: it is promoted once it has served {@code minCompared} records with its
 *   p99 within {@code maxP99}, and its {@code minAgreement} must be 0.</li>
 *   <li><b>Retire</b> once the candidate failed (or, a shadow, ran past its deadline) on
 *   {@code retireAfterFailures} records (never, when zero). Retiring wins over promoting. A canary retired this way
 *   is rolled back automatically: its keys go back to the primary.</li>
 * </ul>
 *
 * <pre>{@code
 * ModelDescriptor.builder("wine-v2", "wine", "onnx").bytes(model).shadow()
 *         .promotion(new PromotionRule(1_000, 0.99, Duration.ofMillis(20), 50))
 *         .build();
 * }</pre>
 *
 * @param minCompared         records compared (a canary: served) before a promotion, at least 1
 * @param minAgreement        the least share of them the shadow must agree on, 0 to 1
 * @param maxP99              the slowest p99 scoring time a promoted shadow may have; zero for any
 * @param retireAfterFailures failures (a shadow's timeouts included) that retire the candidate; 0 for never
 */
public record PromotionRule(long minCompared, double minAgreement, Duration maxP99, long retireAfterFailures) {

    public PromotionRule {
        Objects.requireNonNull(maxP99, "maxP99");
        if (minCompared < 1) {
            throw new IllegalArgumentException("PromotionRule minCompared must be at least 1, was " + minCompared);
        }
        if (!(minAgreement >= 0 && minAgreement <= 1)) {
            throw new IllegalArgumentException("PromotionRule minAgreement must be from 0 to 1, was " + minAgreement);
        }
        if (maxP99.isNegative()) {
            throw new IllegalArgumentException("PromotionRule maxP99 must not be negative, was " + maxP99);
        }
        if (retireAfterFailures < 0) {
            throw new IllegalArgumentException("PromotionRule retireAfterFailures must not be negative, was "
                    + retireAfterFailures);
        }
    }

    /** What the rule says of a candidate so far. */
    public enum Decision { WAIT, PROMOTE, RETIRE }

    /** Judges a shadow by its comparison counters, or a canary by its own: see the class's description. */
    public Decision decide(CandidateStats candidate) {
        if (candidate.comparison() != null) {
            return decide(candidate.comparison());
        }
        return decide(candidate.failures(), candidate.invocations(), 1, candidate.p99Nanos());
    }

    /** Judges a shadow by its comparison counters. */
    public Decision decide(ShadowComparison comparison) {
        return decide(comparison.failures() + comparison.timedOut(), comparison.compared(),
                comparison.agreementRate(), comparison.p99Nanos());
    }

    private Decision decide(long failures, long judged, double agreement, long p99Nanos) {
        if (retireAfterFailures > 0 && failures >= retireAfterFailures) {
            return Decision.RETIRE;
        }
        boolean fastEnough = maxP99.isZero() || p99Nanos <= maxP99.toNanos();
        if (judged >= minCompared && agreement >= minAgreement && fastEnough) {
            return Decision.PROMOTE;
        }
        return Decision.WAIT;
    }

    @Override
    public String toString() {
        return "promote after " + minCompared + " compared records with agreement >= " + minAgreement
                + (maxP99.isZero() ? "" : " and p99 <= " + maxP99.toMillis() + " ms")
                + (retireAfterFailures == 0 ? "" : "; retire after " + retireAfterFailures + " failures");
    }
}
