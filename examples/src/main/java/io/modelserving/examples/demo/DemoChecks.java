package io.modelserving.examples.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the demo checks on the scored records it read: which model scored each range of keys, with which shadow
 * beside, and that in every data partition the models followed each other in the order they were deployed.
 *
 * <pre>{@code
 * DemoChecks checks = new DemoChecks(tally.scoredRecords());
 * List<String> wrong = checks.notScoredBy(400, 600, "wine-ols:2", "wine-tribuo-linear:3");
 * boolean inOrder = checks.modelsInOrder("wine-tribuo-linear:1", "wine-ols:2", "wine-tribuo-linear:3");
 * }</pre>
 */
final class DemoChecks {

    private final List<OutputTally.Scored> scored;

    DemoChecks(List<OutputTally.Scored> scored) {
        this.scored = List.copyOf(scored);
    }

    /**
     * Keys of data records from {@code fromKey} to below {@code toKey} not scored by {@code model} with
     * {@code shadow} beside ({@code null}: with no shadow at all), sorted.
     */
    List<String> notScoredBy(long fromKey, long toKey, String model, String shadow) {
        return scored.stream()
                .filter(s -> dataKey(s.key()) >= fromKey && dataKey(s.key()) < toKey)
                .filter(s -> !s.model().equals(model) || !Objects.equals(s.shadowModel(), shadow))
                .map(OutputTally.Scored::key)
                .sorted()
                .toList();
    }

    /** Per partition, in offset order, the models come in the order given and never go back. */
    boolean modelsInOrder(String... labels) {
        List<String> order = List.of(labels);
        Map<Integer, List<OutputTally.Scored>> byPartition = new HashMap<>();
        scored.forEach(s -> byPartition.computeIfAbsent(s.partition(), p -> new ArrayList<>()).add(s));
        for (List<OutputTally.Scored> partition : byPartition.values()) {
            partition.sort(Comparator.comparingLong(OutputTally.Scored::offset));
            int reached = 0;
            for (OutputTally.Scored s : partition) {
                int rank = order.indexOf(s.model());
                if (rank < reached) {
                    return false;
                }
                reached = rank;
            }
        }
        return true;
    }

    /** The row number a data record is keyed by; -1 for any other key. */
    static long dataKey(String key) {
        try {
            return key == null ? -1 : Long.parseLong(key);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
