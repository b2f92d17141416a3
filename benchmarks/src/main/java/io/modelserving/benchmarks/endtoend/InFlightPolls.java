package io.modelserving.benchmarks.endtoend;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The polls of one at-least-once consumer thread whose outputs are sent but not all acknowledged, oldest first, and
 * the offsets that are safe to commit: those of the oldest polls whose every output is acknowledged. A poll's
 * offsets never become committable before an older poll's, since acknowledgements of different partitions arrive
 * in any order and a committed offset covers every record before it.
 *
 * <p>Only the consumer thread calls its methods; the producer's callbacks ({@link #track}) only count.
 */
final class InFlightPolls {

    private final Deque<Poll> polls = new ArrayDeque<>();
    private final Map<TopicPartition, OffsetAndMetadata> acknowledged = new HashMap<>();
    private final Consumer<Exception> onSendFailure;
    private boolean uncommitted;

    /** {@code onSendFailure} hears of a failed send at once, on the producer's thread. */
    InFlightPolls(Consumer<Exception> onSendFailure) {
        this.onSendFailure = onSendFailure;
    }

    /** Starts tracking a poll of {@code sends} outputs; returns the callback to give each of their sends. */
    Callback track(Map<TopicPartition, OffsetAndMetadata> offsets, int sends) {
        Poll poll = new Poll(offsets, sends);
        polls.addLast(poll);
        return poll;
    }

    /** Waits for the oldest polls until at most {@code max} are unacknowledged. */
    void awaitUntilAtMost(int max) throws InterruptedException {
        while (polls.size() > max) {
            await(polls.peekFirst());
            collect();
        }
    }

    /** Waits until every poll is acknowledged. */
    void awaitAll() throws InterruptedException {
        awaitUntilAtMost(0);
    }

    /**
     * The committable offsets of every partition, when the oldest polls' acknowledgements added some since the last
     * call; else empty.
     */
    Map<TopicPartition, OffsetAndMetadata> newlyCommittable() {
        collect();
        if (!uncommitted) {
            return Map.of();
        }
        uncommitted = false;
        return Map.copyOf(acknowledged);
    }

    /** Every committable offset, whether committed already or not. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        collect();
        uncommitted = false;
        return Map.copyOf(acknowledged);
    }

    /** Forgets partitions this thread no longer owns: committing their offsets now could undo their new owner's. */
    void forget(Collection<TopicPartition> partitions) {
        acknowledged.keySet().removeAll(partitions);
    }

    private void collect() {
        while (!polls.isEmpty() && polls.peekFirst().done.isDone()) {
            Poll poll = polls.removeFirst();
            if (poll.failure != null) {
                throw new IllegalStateException("An output was not written: " + poll.failure, poll.failure);
            }
            acknowledged.putAll(poll.offsets);
            uncommitted = true;
        }
    }

    private static void await(Poll poll) throws InterruptedException {
        try {
            poll.done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }

    /** One poll: its offsets, and a future completed by the acknowledgement of its last output or a failure. */
    private final class Poll implements Callback {

        final Map<TopicPartition, OffsetAndMetadata> offsets;
        final AtomicInteger pending;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile Exception failure;

        Poll(Map<TopicPartition, OffsetAndMetadata> offsets, int sends) {
            this.offsets = offsets;
            this.pending = new AtomicInteger(sends);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                failure = exception;
                if (done.complete(null)) {
                    onSendFailure.accept(exception);
                }
            } else if (pending.decrementAndGet() == 0) {
                done.complete(null);
            }
        }
    }
}
