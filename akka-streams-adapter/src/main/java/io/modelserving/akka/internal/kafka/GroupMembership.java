package io.modelserving.akka.internal.kafka;

import akka.kafka.RestrictedConsumer;
import akka.kafka.javadsl.PartitionAssignmentHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks the data consumer's partitions, so readiness means "consuming": an instance that has not yet joined its
 * group (its first assignment, possibly empty) is not ready, even with its models restored.
 */
public final class GroupMembership implements PartitionAssignmentHandler {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile boolean joined;

    public boolean joined() {
        return joined;
    }

    public Set<TopicPartition> assigned() {
        return Set.copyOf(assigned);
    }

    /** Whether {@code partition} is assigned now; cheap enough for every record. */
    public boolean owns(TopicPartition partition) {
        return assigned.contains(partition);
    }

    @Override
    public void onAssign(Set<TopicPartition> partitions, RestrictedConsumer consumer) {
        assigned.addAll(partitions);
        joined = true;
    }

    @Override
    public void onRevoke(Set<TopicPartition> partitions, RestrictedConsumer consumer) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onLost(Set<TopicPartition> partitions, RestrictedConsumer consumer) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onStop(Set<TopicPartition> partitions, RestrictedConsumer consumer) {
        assigned.clear();
    }
}
