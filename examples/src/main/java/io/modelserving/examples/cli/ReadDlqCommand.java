package io.modelserving.examples.cli;

import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.kafka.TopicReader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints dead letters as JSON lines, with the reason each record or model was refused. */
@Command(name = "read-dlq", mixinStandardHelpOptions = true,
        description = "Print dead letters as JSON lines: key, sourceTopic, sourcePartition, sourceOffset, reason.")
final class ReadDlqCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ReaderOptions reader;

    @Override
    public Integer call() {
        reader.check();
        new TopicReader(kafka.reachableCluster()).read(kafka.dlqTopic, reader.fromBeginning,
                reader.maxRecords(), reader.idle(),
                record -> System.out.println(Json.write(Json.deadLetter(record))));
        System.out.flush();
        return 0;
    }
}
