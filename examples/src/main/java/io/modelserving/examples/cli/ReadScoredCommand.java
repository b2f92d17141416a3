package io.modelserving.examples.cli;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.kafka.TopicReader;
import io.modelserving.examples.wine.WineRecordCodec;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The "other logic" service: prints scored records as JSON lines. */
@Command(name = "read-scored", mixinStandardHelpOptions = true,
        description = "Print scored records as JSON lines: the key, then the JSON scored envelope (dataType, "
                + "outcome, model, modelType, modelVersion, score, label, probabilities, error, input, sourceTopic, "
                + "sourcePartition, sourceOffset, sourceTimestamp, scoredAt, latencyMs, durationNanos).")
final class ReadScoredCommand implements Callable<Integer> {

    private static final RecordCodec<ScoredRecord<Features, Prediction>> CODEC =
            Codecs.scoredRecords(new WineRecordCodec(), Codecs.predictions());

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ReaderOptions reader;

    @Override
    public Integer call() {
        reader.check();
        new TopicReader(kafka.reachableCluster()).read(kafka.scoredTopic, reader.fromBeginning,
                reader.maxRecords(), reader.idle(), record -> {
                    Decoded<ScoredRecord<Features, Prediction>> scored = CODEC.decode(record.value());
                    Map<String, Object> json = scored.isValue() ? Json.scored(record.key(), scored.get())
                            : Map.of("key", String.valueOf(record.key()), "error", scored.reason());
                    System.out.println(Json.write(json));
                });
        System.out.flush();
        return 0;
    }
}
