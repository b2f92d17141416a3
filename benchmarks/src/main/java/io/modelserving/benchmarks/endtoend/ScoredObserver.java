package io.modelserving.benchmarks.endtoend;

import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.KafkaHelpers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the scored and dead-letter topics while a swap run goes on: for every model version, the broker's
 * append time of the first scored record naming it; for every scored record, its end-to-end latency (append
 * time of the scored record minus the data record's own timestamp, which is its send time); and which data
 * records (by {@link Workload#key key}) have an output, and which a scored one, so that a loss shows even when
 * duplicates make up the count.
 */
final class ScoredObserver implements AutoCloseable {

    private static final RecordCodec<ScoredRecord<Features, Prediction>> SCORED =
            Codecs.scoredRecords(Codecs.features(), Codecs.predictions());

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ServingTopics topics;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, Long> firstAppendByVersion = new ConcurrentHashMap<>();
    private final List<long[]> latencies = new ArrayList<>(); // {append time, latency}, guarded by itself
    // indexes of the data records with an output, and with a scored one; both guarded by withOutput
    private final BitSet withOutput = new BitSet();
    private final BitSet withScored = new BitSet();
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong unscored = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    ScoredObserver(KafkaHelpers kafka, ServingTopics topics, int partitionCount) {
        Properties props = kafka.consumerProperties("unused");
        props.remove("group.id"); // assigned partitions, no group
        props.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(props);
        this.topics = topics;
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition(topics.scored(), p));
            partitions.add(new TopicPartition(topics.deadLetters(), p));
        }
        thread = new Thread(this::loop, "scored-observer");
    }

    void start() {
        thread.start();
    }

    private void loop() {
        try {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    observe(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            consumer.close();
        }
    }

    private void observe(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(topics.deadLetters())) {
            seen(record, false);
            deadLetters.incrementAndGet();
            return;
        }
        Decoded<ScoredRecord<Features, Prediction>> decoded = SCORED.decode(record.value());
        if (!decoded.isValue() || !decoded.get().result().isScored()) {
            seen(record, false);
            unscored.incrementAndGet();
            return;
        }
        seen(record, true);
        ScoredRecord<Features, Prediction> scoredRecord = decoded.get();
        Optional<ModelInfo> model = scoredRecord.result().modelInfo();
        model.ifPresent(info -> firstAppendByVersion.merge(info.version(), record.timestamp(), Math::min));
        ScoredRecord.Origin origin = scoredRecord.origin();
        if (origin != null && origin.timestampMillis() >= 0) {
            synchronized (latencies) {
                latencies.add(new long[] {record.timestamp(), record.timestamp() - origin.timestampMillis()});
            }
        }
        scored.incrementAndGet();
    }

    /** Notes that the data record keyed as the output {@code record} has an output, and if it scored. */
    private void seen(ConsumerRecord<byte[], byte[]> record, boolean isScored) {
        long index = Workload.index(record.key());
        if (index >= 0 && index < Integer.MAX_VALUE) {
            synchronized (withOutput) {
                withOutput.set((int) index);
                if (isScored) {
                    withScored.set((int) index);
                }
            }
        }
    }

    /** Waits until a scored record names model {@code version}; false on timeout. */
    boolean awaitModel(String version, Duration timeout) throws InterruptedException {
        return await(() -> firstAppendByVersion.containsKey(version), timeout);
    }

    /**
     * Waits until each of the first {@code sent} data records has an output (scored or not, dead letters
     * included); false on timeout.
     */
    boolean awaitOutputs(long sent, Duration timeout) throws InterruptedException {
        return await(() -> {
            synchronized (withOutput) {
                return withOutput.nextClearBit(0) >= sent;
            }
        }, timeout);
    }

    /** How many of the first {@code sent} data records have no scored output (yet): none, or only a failure. */
    long lost(long sent) {
        synchronized (withOutput) {
            return sent - withScored.get(0, (int) sent).cardinality();
        }
    }

    /** Append time of the first scored record naming {@code version}, if one was read. */
    Optional<Long> firstAppend(String version) {
        return Optional.ofNullable(firstAppendByVersion.get(version));
    }

    /** End-to-end latencies in ms of the scored records appended in [{@code from}, {@code to}]. */
    List<Long> latencies(long from, long to) {
        List<Long> result = new ArrayList<>();
        synchronized (latencies) {
            for (long[] sample : latencies) {
                if (sample[0] >= from && sample[0] <= to) {
                    result.add(sample[1]);
                }
            }
        }
        return result;
    }

    long scored() {
        return scored.get();
    }

    long unscored() {
        return unscored.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    long outputs() {
        return scored.get() + unscored.get() + deadLetters.get();
    }

    private boolean await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (failure.get() != null) {
                throw new IllegalStateException("Reading the scored topic failed: " + failure.get(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
