package io.modelserving.examples.cli;

import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.DataPublisher;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The data side: publishes the rows of a wine-quality CSV as WineRecords. */
@Command(name = "publish-data", mixinStandardHelpOptions = true,
        description = "Publish the rows of a ';'-separated wine CSV (11 features, then quality) to the data topic.")
final class PublishDataCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--file", required = true, description = "The CSV file; a header line is optional.")
    Path file;

    @Option(names = "--rate", defaultValue = "0", description = "Records per second; 0 for as fast as possible.")
    double rate;

    @Option(names = "--count", description = "Records to send. Default: every row once (forever with --loop).")
    Long count;

    @Option(names = "--loop", description = "Start over at the first row after the last.")
    boolean loop;

    @Option(names = "--data-type", defaultValue = Wine.DATA_TYPE, description = "Default: ${DEFAULT-VALUE}.")
    String dataType;

    @Override
    public Integer call() {
        Checks.rate("--rate", rate);
        Checks.positiveIfGiven("--count", count);
        List<WineCsv.Row> rows = WineCsv.read(Checks.readableFile("--file", file));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--file " + file + " has no rows");
        }
        long total = count != null ? count : loop ? Long.MAX_VALUE : rows.size();
        if (!loop) {
            total = Math.min(total, rows.size());
        }
        try (KafkaProducer<String, byte[]> producer = Clients.producer(kafka.reachableCluster())) {
            long acknowledged = new DataPublisher(producer, kafka.dataTopic, dataType, rate)
                    .publish(rows, 0, total, n -> { });
            System.out.println("Published " + acknowledged + " records to " + kafka.dataTopic);
        }
        return 0;
    }
}
