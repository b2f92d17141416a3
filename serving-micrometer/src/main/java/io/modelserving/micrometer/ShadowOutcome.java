package io.modelserving.micrometer;

import io.modelserving.ShadowResult;

/**
 * The {@code outcome} tag of a shadow result: {@code agreed} or {@code disagreed} when it was compared with the
 * served result; {@code not-compared} when the shadow scored but the served result was not a score (or the
 * comparison failed); {@code timed-out} when it was not waited for past the shadow deadline; {@code skipped} when
 * every shadow thread was busy; {@code failed} when the shadow model failed on the record.
 *
 * <pre>{@code
 * String outcome = ShadowOutcome.of(shadow);   // "agreed"
 * }</pre>
 */
final class ShadowOutcome {

    static final String AGREED = "agreed";
    static final String DISAGREED = "disagreed";
    static final String NOT_COMPARED = "not-compared";
    static final String FAILED = "failed";
    static final String TIMED_OUT = "timed-out";
    static final String SKIPPED = "skipped";

    private ShadowOutcome() {
    }

    static String of(ShadowResult<?> shadow) {
        if (shadow.compared()) {
            return shadow.agrees() ? AGREED : DISAGREED;
        }
        return switch (shadow.status()) {
            case SCORED -> NOT_COMPARED;
            case FAILED -> FAILED;
            case TIMED_OUT -> TIMED_OUT;
            case SKIPPED -> SKIPPED;
        };
    }
}
