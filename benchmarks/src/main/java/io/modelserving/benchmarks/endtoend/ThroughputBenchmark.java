package io.modelserving.benchmarks.endtoend;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.KafkaHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput of one pipeline: pre-load the data topic, start the pipeline, wait until every record has its
 * output, then read the outputs back and take the broker's append times of the first and last.
 */
final class ThroughputBenchmark {

    private static final RecordCodec<ScoredRecord<Features, Prediction>> SCORED =
            Codecs.scoredRecords(Codecs.features(), Codecs.predictions());

    private final KafkaHelpers kafka;
    private final Workload workload;
    private final Path workDir;
    private int runs;

    ThroughputBenchmark(KafkaHelpers kafka, Workload workload, Path workDir) {
        this.kafka = kafka;
        this.workload = workload;
        this.workDir = workDir;
    }

    ThroughputResult run(PipelineKind kind, int records, int partitions, PipelineSetup setup) {
        String run = workload.kind().label() + "-tp" + (++runs) + "-"
                + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        ServingTopics topics = BenchTopics.create(kafka, run, partitions);
        if (kind.role() == PipelineKind.Role.ADAPTER) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
                Workload.publish(producer, topics.models(), workload.model(1));
            }
        }
        workload.preload(kafka.producerProperties(), topics.data(), records);
        List<TopicPartition> outputs = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            outputs.add(new TopicPartition(topics.scored(), p));
            outputs.add(new TopicPartition(topics.deadLetters(), p));
        }
        long start;
        boolean complete;
        MemoryWatch memory = MemoryWatch.start();
        MemoryWatch.MemoryUse used;
        try (Admin admin = Admin.create(kafka.adminProperties());
             Pipeline pipeline = kind.create(kafka.bootstrapServers(), topics, run, directory(run), workload,
                     setup)) {
            start = System.currentTimeMillis();
            pipeline.start();
            complete = awaitOutputs(admin, outputs, records, Duration.ofSeconds(60 + records / 1_000));
            used = memory.stop();
        }
        return count(kind, setup, partitions, topics, records, start, complete, used);
    }

    private ThroughputResult count(PipelineKind kind, PipelineSetup setup, int partitions, ServingTopics topics,
                                   int records, long start, boolean complete, MemoryWatch.MemoryUse memory) {
        List<ConsumerRecord<byte[], byte[]>> scored = List.of();
        List<ConsumerRecord<byte[], byte[]>> dead = List.of();
        // Transaction markers take offsets too, so at exactly-once the end offsets run ahead of the records: read
        // (read_committed) until every record's output is there.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (scored.size() + dead.size() < records && System.nanoTime() < deadline) {
            scored = kafka.consumeAll(topics.scored(), Duration.ofSeconds(60));
            dead = kafka.consumeAll(topics.deadLetters(), Duration.ofSeconds(60));
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int scoredOk = 0;
        for (List<ConsumerRecord<byte[], byte[]>> topic : List.of(scored, dead)) {
            for (ConsumerRecord<byte[], byte[]> record : topic) {
                first = Math.min(first, record.timestamp());
                last = Math.max(last, record.timestamp());
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : scored) {
            if (!kind.writesEnvelopes()) {
                scoredOk++;
            } else {
                Decoded<ScoredRecord<Features, Prediction>> decoded = SCORED.decode(record.value());
                if (decoded.isValue() && decoded.get().result().isScored()) {
                    scoredOk++;
                }
            }
        }
        int outputs = scored.size() + dead.size();
        return new ThroughputResult(kind, setup, partitions, records, outputs, scoredOk, dead.size(), start,
                outputs == 0 ? start : first, outputs == 0 ? start : last, complete && outputs >= records, memory);
    }

    /** Polls the output topics' end offsets: no reader competes with the pipeline for the two cores. */
    private static boolean awaitOutputs(Admin admin, List<TopicPartition> partitions, long expected,
                                        Duration timeout) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                long total = 0;
                for (ListOffsetsResult.ListOffsetsResultInfo info
                        : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values()) {
                    total += info.offset();
                }
                if (total >= expected) {
                    return true;
                }
                Thread.sleep(50);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot read the output topics' offsets: " + e, e);
        }
    }

    private Path directory(String run) {
        try {
            return Files.createDirectories(workDir.resolve(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
