package io.modelserving.examples.demo;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the scored and dead-letter topics from their current end, in the background, and accounts for every
 * key: which model scored it, or why it was dead-lettered.
 */
final class OutputTally implements AutoCloseable, Progress.Counts {

    private static final RecordCodec<ScoredRecord<Features, Prediction>> SCORED =
            Codecs.scoredRecords(new WineRecordCodec(), Codecs.predictions());

    /**
     * A scored record as the demo checks it.
     *
     * @param shadowModel the label of the shadow that scored it beside the served model; null when there was none
     */
    record Scored(String key, int partition, long offset, String model, String modelType, double score,
                  double[] input, long latencyMs, String shadowModel) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String scoredTopic;
    private final Thread thread;
    private final Map<String, String> outcomeByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> scoredByModel = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Scored> scored = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> deadLetters = new ConcurrentLinkedQueue<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile String lastModel = "-";
    private volatile boolean running = true;

    OutputTally(KafkaConnection cluster, String scoredTopic, String deadLetterTopic) {
        this.scoredTopic = scoredTopic;
        consumer = Clients.reader(cluster);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(scoredTopic, deadLetterTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before anything is published
        thread = new Thread(this::run, "demo-output-tally");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
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
        String outcome;
        if (record.topic().equals(scoredTopic)) {
            Decoded<ScoredRecord<Features, Prediction>> decoded = SCORED.decode(record.value());
            if (!decoded.isValue()) {
                outcome = "unreadable scored record: " + decoded.reason();
            } else if (decoded.get().result() instanceof ScoringResult.Scored<Prediction> s) {
                ScoredRecord<Features, Prediction> envelope = decoded.get();
                lastModel = s.model().label() + " (" + s.model().modelType() + ")";
                long sent = envelope.origin() == null ? -1 : envelope.origin().timestampMillis();
                ScoredRecord.Origin origin = envelope.origin();
                scored.add(new Scored(record.key(), origin == null ? -1 : origin.partition(),
                        origin == null ? -1 : origin.offset(), s.model().label(), s.model().modelType(), s.value().value(),
                        envelope.input().values(), sent < 0 ? -1 : envelope.scoredAtMillis() - sent,
                        envelope.shadow() == null ? null : envelope.shadow().model().label()));
                outcome = "scored by " + s.model().label();
            } else {
                outcome = "unexpected on the scored topic: " + decoded.get().result();
            }
        } else {
            DeadLetter letter = DeadLetter.fromHeaders(record.headers()).orElse(null);
            if (letter != null && letter.kind() == DeadLetterKind.SCORING_FAILED) {
                failed.incrementAndGet();
            }
            String reason = letter == null ? "dead letter without headers" : letter.kind().header() + ": " + letter.reason();
            deadLetters.add(record.key() + " -> " + reason);
            outcome = "dead-lettered";
        }
        if (outcomeByKey.putIfAbsent(String.valueOf(record.key()), outcome) != null) {
            duplicates.incrementAndGet();
        } else if (outcome.startsWith("scored by ")) {
            scoredByModel.computeIfAbsent(outcome.substring(10), k -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public long accounted() {
        return outcomeByKey.size();
    }

    boolean accountedFor(String key) {
        return outcomeByKey.containsKey(key);
    }

    @Override
    public long scoredCount() {
        return scored.size();
    }

    @Override
    public long failedCount() {
        return failed.get();
    }

    @Override
    public long deadLetterCount() {
        return deadLetters.size();
    }

    long duplicateCount() {
        return duplicates.get();
    }

    @Override
    public String lastModel() {
        return lastModel;
    }

    Map<String, AtomicLong> scoredByModel() {
        return scoredByModel;
    }

    List<Scored> scoredRecords() {
        return List.copyOf(scored);
    }

    List<String> deadLetters() {
        return List.copyOf(deadLetters);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
