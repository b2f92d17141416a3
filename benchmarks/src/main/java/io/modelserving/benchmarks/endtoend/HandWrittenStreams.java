package io.modelserving.benchmarks.endtoend;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.kafka.ServingTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Same-work baseline for the Kafka Streams adapter: a hand-written topology that decodes each record, scores it
 * alone with a raw ONNX Runtime session and writes the same envelope to the scored topic, with the serving
 * pipeline's properties (so the same number of stream threads and commit interval). No model topic, no global
 * store, no dead letters.
 */
final class HandWrittenStreams implements Pipeline {

    private final SameWork work;
    private final KafkaStreams streams;

    HandWrittenStreams(String bootstrapServers, ServingTopics topics, String applicationId, Path workDir,
                       Workload workload, PipelineSetup setup) {
        work = new SameWork(workload.model(1));
        Properties props = KafkaStreamsServingPipeline.properties(applicationId, bootstrapServers, workDir,
                setup);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        builder.stream(topics.data(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .processValues(() -> new Score(work))
                .to(topics.scored(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        streams = new KafkaStreams(builder.build(), props);
    }

    @Override
    public void start() {
        streams.start();
    }

    @Override
    public void close() {
        try {
            streams.close(Duration.ofSeconds(30));
        } finally {
            work.close();
        }
    }

    /** Decode, score one record, encode the envelope with the record's origin. */
    private static final class Score implements FixedKeyProcessor<byte[], byte[], byte[]> {

        private final SameWork work;
        private FixedKeyProcessorContext<byte[], byte[]> context;

        Score(SameWork work) {
            this.work = work;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            Features input = work.decode(record.value());
            long start = System.nanoTime();
            Prediction prediction = work.score(List.of(input)).get(0);
            long nanos = System.nanoTime() - start;
            ScoredRecord.Origin origin = context.recordMetadata()
                    .map(m -> new ScoredRecord.Origin(m.topic(), m.partition(), m.offset(), record.timestamp()))
                    .orElse(new ScoredRecord.Origin("", -1, -1, record.timestamp()));
            context.forward(record.withValue(work.envelope(input, record.value(), prediction, nanos, origin)));
        }
    }
}
