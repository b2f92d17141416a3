package io.modelserving.examples.cli;

import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.kafka.TopicReader;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints dead letters as JSON lines, with the reason each record or model was refused. */
@Command(name = "read-dlq", mixinStandardHelpOptions = true,
        description = "Print dead letters as JSON lines: key, sourceTopic, sourcePartition, sourceOffset, reason.")
final class ReadDlqCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--count", description = "Stop after this many records.")
    Long count;

    @Option(names = "--from-beginning", description = "Read from the start of the topic, not only new records.")
    boolean fromBeginning;

    @Option(names = "--timeout", defaultValue = "30", description = "Stop after this many seconds without a record. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() {
        new TopicReader(kafka.bootstrapServers).read(kafka.dlqTopic, fromBeginning,
                count == null ? Long.MAX_VALUE : count, Duration.ofSeconds(timeoutSeconds),
                record -> System.out.println(Json.write(Json.deadLetter(record))));
        System.out.flush();
        return 0;
    }
}
