package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written same-work baselines honour the run's guarantee on several threads and partitions: every input
 * record has exactly one scored output, none missing, none twice, and under exactly-once nothing more is committed.
 */
class SameWorkBaselinesIT {

    private static final int RECORDS = 2_000;
    private static final int PARTITIONS = 2;
    private static final RecordCodec<ScoredRecord<Features, Prediction>> SCORED =
            Codecs.scoredRecords(Codecs.features(), Codecs.predictions());

    private static EmbeddedKafkaBroker kafka;
    private static Workload workload;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.start();
        workload = Workload.of(WorkloadKind.WINE);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    static Stream<Arguments> baselines() {
        return Stream.of(PipelineKind.RAW_LOOP, PipelineKind.HAND_WRITTEN_AKKA).flatMap(kind -> Stream.of(
                Arguments.of(kind, DeliveryGuarantee.AT_LEAST_ONCE),
                Arguments.of(kind, DeliveryGuarantee.EXACTLY_ONCE)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("baselines")
    void everyRecordIsScoredExactlyOnce(PipelineKind kind, DeliveryGuarantee guarantee) {
        String run = kind.name().toLowerCase(Locale.ROOT) + "-" + guarantee.name().toLowerCase(Locale.ROOT);
        ServingTopics topics = BenchTopics.create(kafka, run, PARTITIONS);
        workload.preload(kafka.producerProperties(), topics.data(), RECORDS);
        List<String> inputs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.consumeAll(topics.data(), Duration.ofSeconds(10))) {
            inputs.add(record.partition() + "@" + record.offset());
        }
        assertThat(inputs).hasSize(RECORDS);

        try (Pipeline pipeline = kind.create(kafka.bootstrapServers(), topics, run, workDir, workload,
                new PipelineSetup(guarantee, 2))) {
            pipeline.start();
            assertThat(kafka.consume(topics.scored(), RECORDS, Duration.ofSeconds(20))).hasSize(RECORDS);
        }

        // after the close, as a read_committed reader sees the whole topic
        List<String> origins = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> output : kafka.consumeAll(topics.scored(), Duration.ofSeconds(10))) {
            Decoded<ScoredRecord<Features, Prediction>> decoded = SCORED.decode(output.value());
            assertThat(decoded.isValue()).as("decodes: %s", decoded).isTrue();
            ScoredRecord<Features, Prediction> scored = decoded.get();
            assertThat(scored.result().isScored()).as("scored: %s", scored.result()).isTrue();
            assertThat(scored.origin().topic()).isEqualTo(topics.data());
            origins.add(scored.origin().partition() + "@" + scored.origin().offset());
        }
        assertThat(origins).hasSize(RECORDS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inputs);
    }
}
