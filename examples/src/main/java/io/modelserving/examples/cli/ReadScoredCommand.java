package io.modelserving.examples.cli;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.kafka.TopicReader;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The "other logic" service: prints scored records as JSON lines. */
@Command(name = "read-scored", mixinStandardHelpOptions = true,
        description = "Print scored records as JSON lines: the key, then the JSON scored envelope (dataType, "
                + "outcome, model, modelType, modelVersion, score, label, probabilities, error, input, sourceTopic, "
                + "sourcePartition, sourceOffset, sourceTimestamp, scoredAt, latencyMs, durationNanos). Give the "
                + "--output-format and, for the protobuf envelope, the --data-format that serve was given.")
final class ReadScoredCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    DataFormatOptions data;

    @Mixin
    OutputFormatOption output;

    @Mixin
    ReaderOptions reader;

    @Override
    public Integer call() {
        reader.check();
        RecordCodec<ScoredRecord<Features, Prediction>> codec = output.format().codec(data.codec());
        new TopicReader(kafka.reachableCluster()).read(kafka.scoredTopic, reader.fromBeginning,
                reader.maxRecords(), reader.idle(), record -> {
                    Decoded<ScoredRecord<Features, Prediction>> scored = codec.decode(record.value());
                    Map<String, Object> json = scored.isValue() ? Json.scored(record.key(), scored.get())
                            : Map.of("key", String.valueOf(record.key()), "error", scored.reason());
                    System.out.println(Json.write(json));
                });
        System.out.flush();
        return 0;
    }
}
