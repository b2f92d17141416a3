package io.modelserving;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A speculative ensemble: models that score every record the primary scores, in parallel with it, and the
 * decider that picks the served result among the primary's and theirs. Deployed as one descriptor
 * ({@link ModelDescriptor.Builder#ensemble}) under its own model-topic key ({@code dataType:ensemble}), so its
 * members are loaded, replaced and retired together.
 *
 * <p>A record waits for the members at most {@code deadline}: the decider is asked as each member answers, and
 * once more at the deadline with whatever has come; a member that has not answered by then is not waited for.
 * A record for which the decider accepts no answer fails, with the reason, and goes to the dead-letter topic.
 *
 * <pre>{@code
 * ModelDescriptor ensemble = ModelDescriptor.builder("wine-vote", "wine", Ensemble.MODEL_TYPE)
 *         .ensemble(new Ensemble(List.of(treeModel, forestModel), EnsembleDeciders.MAJORITY,
 *                 Duration.ofMillis(50)))
 *         .build();
 * }</pre>
 *
 * @param members  the models beside the primary: at least one, at most {@link #MAX_MEMBERS}, each of the
 *                 ensemble's data type, with names unique among them
 * @param decider  the name of the decider: {@link EnsembleDeciders#FIRST_VALID}, {@link EnsembleDeciders#MAJORITY},
 *                 {@link EnsembleDeciders#HIGHEST_CONFIDENCE}, or one registered on
 *                 {@link ModelProcessor.Builder#decider}
 * @param deadline how long a record waits for the members, above zero and at most {@link #MAX_DEADLINE}
 */
public record Ensemble(List<ModelDescriptor> members, String decider, Duration deadline) {

    /** The model type of an ensemble's own descriptor, which has no content of its own. */
    public static final String MODEL_TYPE = "ensemble";

    /** The most members an ensemble may have: each costs a thread per call. */
    public static final int MAX_MEMBERS = 8;

    /** The longest deadline an ensemble may set. */
    public static final Duration MAX_DEADLINE = Duration.ofSeconds(60);

    /** The deadline of a descriptor that sets none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(100);

    public Ensemble {
        Objects.requireNonNull(members, "members");
        members = List.copyOf(members);
        if (members.isEmpty() || members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("an ensemble has 1 to " + MAX_MEMBERS + " members, not "
                    + members.size());
        }
        Set<String> names = new HashSet<>();
        for (ModelDescriptor member : members) {
            if (member.ensemble() != null) {
                throw new IllegalArgumentException("ensemble member " + member.name() + " is an ensemble itself");
            }
            if (!names.add(member.name())) {
                throw new IllegalArgumentException("two ensemble members are named " + member.name());
            }
        }
        if (decider == null || decider.isBlank()) {
            throw new IllegalArgumentException("an ensemble needs a decider, e.g. " + EnsembleDeciders.FIRST_VALID);
        }
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isZero() || deadline.isNegative() || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException("an ensemble's deadline must be above 0 and at most "
                    + MAX_DEADLINE.toSeconds() + " s, was " + deadline.toMillis() + " ms");
        }
    }
}
