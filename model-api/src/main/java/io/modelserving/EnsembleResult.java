package io.modelserving;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an ensemble decided a record: the decider, and what each member (the primary among them) did with the
 * record, with how long it took. The served result is the chosen member's.
 *
 * <pre>{@code
 * scored.ensembleIfAny().ifPresent(e -> e.members().forEach(m ->
 *         log.info("{} {} after {} µs{}", m.model().label(), m.status(), m.latencyNanos() / 1000,
 *                 m.chosen() ? " (served)" : "")));
 * }</pre>
 *
 * @param decider the decider's name
 * @param members every member asked or skipped, the primary first
 */
public record EnsembleResult(String decider, List<Member> members) {

    public EnsembleResult {
        Objects.requireNonNull(decider, "decider");
        members = List.copyOf(members);
    }

    /** The member whose answer was served; empty when the decider accepted none and the record failed. */
    public Optional<Member> chosen() {
        return members.stream().filter(Member::chosen).findFirst();
    }

    /** What one member did with the record. */
    public enum Status {
        /** It scored the record before the decision. */
        SCORED,
        /** It failed on the record before the decision. */
        FAILED,
        /** It had not answered when the decision was made, so it was not waited for. */
        UNANSWERED,
        /** Not asked: it already had as many calls running as it may. */
        SKIPPED
    }

    /**
     * @param model        the member
     * @param status       what it did with the record
     * @param latencyNanos from asking it to its answer; for an unanswered member, how long it was waited for; 0
     *                     when skipped
     * @param chosen       whether its answer was served
     * @param reason       why it failed or was not used; empty when it scored
     */
    public record Member(ModelInfo model, Status status, long latencyNanos, boolean chosen, String reason) {

        public Member {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(status, "status");
            reason = reason == null ? "" : reason;
        }
    }
}
