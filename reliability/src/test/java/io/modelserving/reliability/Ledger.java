package io.modelserving.reliability;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.kafka.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the scored and dead-letter topics of a scenario ({@code read_committed}) from the beginning, in the
 * background, and counts the outputs of every input position (data partition and offset): its envelope or its
 * dead letter says which input it is.
 */
final class Ledger implements AutoCloseable {

    private static final RecordCodec<ScoredRecord<Features, Prediction>> SCORED =
            Codecs.scoredRecords(new WineRecordCodec(), Codecs.predictions());

    /** One scored output: when its input was sent and scored, by which model version. */
    record Scoring(long position, long sentAt, long scoredAt, String modelVersion) {
    }

    private final Topics topics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<Long, AtomicInteger> outputs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Scoring> scorings = new ConcurrentLinkedQueue<>();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<String, AtomicLong> modelDeadLetterReasons = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> modelDeadLettersByOffset = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    Ledger(String servers, Topics topics) {
        this.topics = topics;
        consumer = Clients.reader(servers);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.topics().scored(), topics.topics().deadLetters())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "ledger-" + topics.topics().data());
        thread.setDaemon(true);
        thread.start();
    }

    /** One number for a data partition and offset. */
    static long position(int partition, long offset) {
        return ((long) partition << 40) | offset;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    account(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void account(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(topics.topics().scored())) {
            Decoded<ScoredRecord<Features, Prediction>> decoded = SCORED.decode(record.value());
            if (!decoded.isValue() || decoded.get().origin() == null) {
                unreadable.incrementAndGet();
                return;
            }
            ScoredRecord<Features, Prediction> envelope = decoded.get();
            long position = position(envelope.origin().partition(), envelope.origin().offset());
            count(position);
            if (envelope.result() instanceof ScoringResult.Scored<Prediction> scored) {
                scorings.add(new Scoring(position, envelope.origin().timestampMillis(), envelope.scoredAtMillis(),
                        scored.model().version()));
            }
            return;
        }
        DeadLetter letter = DeadLetter.fromHeaders(record.headers()).orElse(null);
        if (letter == null) {
            unreadable.incrementAndGet();
        } else if (!topics.topics().data().equals(letter.sourceTopic())) {
            String reason = letter.kind().header() + ": " + letter.reason();
            modelDeadLetterReasons.computeIfAbsent(reason.substring(0, Math.min(80, reason.length())),
                    r -> new AtomicLong()).incrementAndGet();
            modelDeadLettersByOffset.computeIfAbsent(letter.sourceOffset(), o -> new AtomicInteger()).incrementAndGet();
        } else {
            deadLetters.incrementAndGet();
            count(position(letter.sourcePartition(), letter.sourceOffset()));
        }
    }

    private void count(long position) {
        outputs.computeIfAbsent(position, p -> new AtomicInteger()).incrementAndGet();
    }

    /** Waits until every one of {@code inputs} has an output, or until nothing new arrived for {@code quiet}. */
    void awaitAll(Set<Long> inputs, Duration quiet) throws InterruptedException {
        long lastChange = System.nanoTime();
        long seen = -1;
        while (System.nanoTime() - lastChange < quiet.toNanos()) {
            long now = outputs.size();
            if (inputs.stream().allMatch(outputs::containsKey)) {
                return;
            }
            if (now != seen) {
                seen = now;
                lastChange = System.nanoTime();
            }
            Thread.sleep(250);
        }
    }

    /** How many of {@code inputs} have no output at all. */
    long missing(Set<Long> inputs) {
        return inputs.stream().filter(p -> !outputs.containsKey(p)).count();
    }

    /** Outputs beyond the first of each input. */
    long duplicates() {
        return outputs.values().stream().mapToLong(c -> c.get() - 1).sum();
    }

    /** Inputs with at least one output. */
    long accounted() {
        return outputs.size();
    }

    List<Scoring> scorings() {
        return List.copyOf(scorings);
    }

    long deadLetters() {
        return deadLetters.get();
    }

    long modelDeadLetters() {
        return modelDeadLetterReasons.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** How many dead letters name {@code offset} of the (one-partition) model topic as their source. */
    int modelDeadLettersOf(long offset) {
        AtomicInteger count = modelDeadLettersByOffset.get(offset);
        return count == null ? 0 : count.get();
    }

    /** Model dead letters by kind and the start of their reason. */
    Map<String, Long> modelDeadLetterReasons() {
        Map<String, Long> reasons = new TreeMap<>();
        modelDeadLetterReasons.forEach((reason, count) -> reasons.put(reason, count.get()));
        return reasons;
    }

    /** Outputs that are neither a readable envelope nor a dead letter: must stay 0. */
    long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
