package io.modelserving.internal;

import io.modelserving.EnsembleDecider;
import io.modelserving.ModelInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An ensemble installed for a data type: its loaded members, each a {@link ServedModel} with counters of its own,
 * and its decider. The processor holds one reference on every member while the ensemble is current; a batch
 * holds one on each member it scores with.
 */
public record ServedEnsemble<I, O>(ModelInfo info, List<ServedModel<I, O>> members, String deciderName,
                                   EnsembleDecider<O> decider, Duration deadline) {

    /** Takes a reference on every member, or on none (returning false) when the ensemble has been retired. */
    public boolean acquire() {
        List<ServedModel<I, O>> taken = new ArrayList<>(members.size());
        for (ServedModel<I, O> member : members) {
            if (!member.acquire()) {
                taken.forEach(ServedModel::release);
                return false;
            }
            taken.add(member);
        }
        return true;
    }

    /** Drops a reference on every member; the last one closes each. */
    public void release() {
        members.forEach(ServedModel::release);
    }
}
