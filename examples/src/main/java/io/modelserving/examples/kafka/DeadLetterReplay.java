package io.modelserving.examples.kafka;

import io.modelserving.ModelServingException;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Republishes dead letters to the topic each came from ({@link DeadLetterHeaders#SOURCE_TOPIC}): data records to
 * the data topic, rejected model messages to the model topic, each with its original key, value and headers, minus
 * the library's own {@code modelserving.*} headers. Use it once the cause is fixed, e.g. a data type's model is now
 * published.
 *
 * <p>It reads the dead-letter topic from its start (or {@link DeadLetterFilter#fromOffset()}) up to the end offsets
 * it finds when it starts, so it ends even while new dead letters arrive, including those of replayed records that
 * fail again. A dead letter whose original value was too large to keep ({@link DeadLetterHeaders#DROPPED_BYTES})
 * or that names no source topic is skipped as not replayable. Replaying is not idempotent: replaying the same dead
 * letters twice publishes them twice, so pick them by offset when you replay in steps.
 *
 * <pre>{@code
 * DeadLetterReplay.Outcome outcome = new DeadLetterReplay(cluster, "modelserving-dead-letters")
 *         .replay(DeadLetterFilter.all().withKinds(Set.of(DeadLetterKind.NO_MODEL)), false, record -> { });
 * System.out.println(outcome.replayed() + " replayed");
 * }</pre>
 */
public final class DeadLetterReplay {

    /** How long the read may see no new record before it gives up. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection cluster;
    private final String deadLetterTopic;

    public DeadLetterReplay(KafkaConnection cluster, String deadLetterTopic) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    }

    /**
     * One dead letter the filter took.
     *
     * @param record      the dead letter as read
     * @param letter      what its headers say
     * @param destination the topic it is (or would be) published to
     */
    public record Selected(ConsumerRecord<byte[], byte[]> record, DeadLetter letter, String destination) {
    }

    /**
     * What a replay did.
     *
     * @param replayed      dead letters published and acknowledged (with a dry run: that would be published)
     * @param filteredOut   dead letters the filter did not take
     * @param notReplayable dead letters taken but without their original record, or not dead letters at all
     * @param byTopic       of {@code replayed}, how many per destination topic
     */
    public record Outcome(long replayed, long filteredOut, long notReplayable, Map<String, Long> byTopic) {

        public Outcome {
            byTopic = Map.copyOf(byTopic);
        }

        public long skipped() {
            return filteredOut + notReplayable;
        }
    }

    /**
     * Replays the dead letters {@code filter} takes, calling {@code onSelected} for each before it is published.
     *
     * @param dryRun publish nothing; only count and call {@code onSelected}
     * @throws IllegalStateException when the dead-letter topic does not exist or cannot be read, or when the
     *                               broker does not acknowledge a replayed record (saying how many it did, and
     *                               where to resume); publishing stops at the first failure
     */
    public Outcome replay(DeadLetterFilter filter, boolean dryRun, Consumer<Selected> onSelected) {
        Tally tally = new Tally();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.rawReader(cluster);
             Publisher publisher = dryRun ? null : new Publisher(Clients.rawProducer(cluster))) {
            new TopicPass(consumer, deadLetterTopic, filter.fromOffset(), filter.toOffset(), STALL_TIMEOUT)
                    .forEach(record -> {
                        Optional<DeadLetter> letter = DeadLetter.fromHeaders(record.headers());
                        if (letter.isPresent() && !filter.matches(letter.get(), record.offset(), record.timestamp())) {
                            tally.filteredOut++;
                        } else if (letter.isEmpty() || !replayable(record, letter.get())) {
                            tally.notReplayable++;
                        } else {
                            Selected selected = new Selected(record, letter.get(), letter.get().sourceTopic());
                            onSelected.accept(selected);
                            if (publisher != null) {
                                publisher.send(selected);
                            }
                            tally.byTopic.merge(selected.destination(), 1L, Long::sum);
                        }
                    });
            if (publisher != null) {
                publisher.awaitAcknowledged();
            }
        }
        return tally.outcome();
    }

    private static final class Tally {
        final Map<String, Long> byTopic = new TreeMap<>();
        long filteredOut;
        long notReplayable;

        Outcome outcome() {
            long replayed = byTopic.values().stream().mapToLong(Long::longValue).sum();
            return new Outcome(replayed, filteredOut, notReplayable, byTopic);
        }
    }

    /** The original record as it was published: key, value and the headers that were not ours. */
    static ProducerRecord<byte[], byte[]> original(Selected selected) {
        Headers headers = new RecordHeaders();
        for (Header header : selected.record().headers()) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                headers.add(header);
            }
        }
        return new ProducerRecord<>(selected.destination(), null, selected.record().key(),
                selected.record().value(), headers);
    }

    private static boolean replayable(ConsumerRecord<byte[], byte[]> record, DeadLetter letter) {
        return !letter.sourceTopic().isEmpty()
                && record.headers().lastHeader(DeadLetterHeaders.DROPPED_BYTES) == null;
    }

    /** Sends in order, stops at the first record the broker refused, and checks that it acknowledged all. */
    private static final class Publisher implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicReference<Refusal> refused = new AtomicReference<>();
        private long sent;

        private record Refusal(Selected selected, Exception cause) {
        }

        Publisher(KafkaProducer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        void send(Selected selected) {
            // Later records would land after a gap the user may not notice: stop at the first known refusal.
            if (refused.get() != null) {
                awaitAcknowledged();
            }
            sent++;
            try {
                producer.send(original(selected), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        refused.compareAndSet(null, new Refusal(selected, error));
                    }
                });
            } catch (KafkaException e) {
                refused.compareAndSet(null, new Refusal(selected, e));
                awaitAcknowledged();
            }
        }

        void awaitAcknowledged() {
            producer.flush();
            Refusal refusal = refused.get();
            if (refusal != null) {
                ConsumerRecord<byte[], byte[]> first = refusal.selected().record();
                throw new IllegalStateException("the broker acknowledged " + acknowledged.get() + " of " + sent
                        + " dead letters replayed; the first it did not take is offset " + first.offset() + " of "
                        + first.topic() + "-" + first.partition() + " (for " + refusal.selected().destination()
                        + "): " + ModelServingException.reasonOf(refusal.cause()), refusal.cause());
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
