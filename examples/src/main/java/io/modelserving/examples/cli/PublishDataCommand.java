package io.modelserving.examples.cli;

import io.modelserving.Features;
import io.modelserving.codec.FeatureFields;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.data.CsvRecords;
import io.modelserving.examples.data.DataFormat;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.DataPublisher;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The data side: publishes the rows of a CSV file to the data topic, as WineRecords by default or, with another
 * data format, any CSV with a header line as records of that format.
 */
@Command(name = "publish-data", mixinStandardHelpOptions = true,
        description = {"Publish the rows of a CSV file to the data topic, keyed by row number.",
                "--data-format wine (the default): a ';'-separated wine CSV (11 features, then quality) as "
                        + "WineRecords. Any other format: any CSV with a header line (',' or ';'), each column a "
                        + "field, a cell a number or else a category, written in that format."})
final class PublishDataCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    DataFormatOptions data;

    @Option(names = "--file", required = true, description = "The CSV file; with --data-format wine, a header line "
            + "is optional, with any other it is required.")
    Path file;

    @Option(names = "--rate", defaultValue = "0", description = "Records per second; 0 for as fast as possible.")
    double rate;

    @Option(names = "--count", description = "Records to send. Default: every row once (forever with --loop).")
    Long count;

    @Option(names = "--loop", description = "Start over at the first row after the last.")
    boolean loop;

    @Option(names = "--data-type", description = "The data type of every record. Default: " + Wine.DATA_TYPE + ".")
    String dataType;

    @Option(names = "--data-type-column", paramLabel = "COLUMN",
            description = "The column that holds each row's data type, instead of --data-type (not with "
                    + "--data-format wine).")
    String dataTypeColumn;

    @Override
    public Integer call() {
        Checks.rate("--rate", rate);
        Checks.positiveIfGiven("--count", count);
        DataFormat format = data.check();
        if (dataType != null && dataTypeColumn != null) {
            throw new IllegalArgumentException("give --data-type or --data-type-column, not both");
        }
        if (format == DataFormat.WINE && dataTypeColumn != null) {
            throw new IllegalArgumentException("--data-type-column does not apply to --data-format wine");
        }
        Checks.readableFile("--file", file);
        String fixedDataType = dataType == null ? Wine.DATA_TYPE : dataType;
        if (format == DataFormat.WINE) {
            List<WineCsv.Row> rows = WineCsv.read(file);
            return publish(rows.size(), fixedDataType,
                    (publisher, total) -> publisher.publish(rows, 0, total, n -> { }));
        }
        RecordCodec<Features> codec = data.codec();
        List<byte[]> values = encode(CsvRecords.read(file, csvFields(fixedDataType)), codec, format);
        return publish(values.size(), fixedDataType,
                (publisher, total) -> publisher.publish(values, Function.identity(), 0, total, n -> { }));
    }

    /**
     * The CSV's columns to features: the data type from its column or fixed, the features as the feature map
     * declares them (or every other column), so that the records written read back as the same features.
     */
    private FeatureFields csvFields(String fixedDataType) {
        FeatureFields.Builder fields = FeatureFields.builder();
        if (dataTypeColumn != null) {
            fields.dataTypeField(dataTypeColumn);
        } else {
            fields.dataType(fixedDataType);
        }
        return fields.features(data.featureFields().declared()).build();
    }

    /** Every row encoded before anything is sent, so that a row the format cannot hold fails the command at once. */
    private List<byte[]> encode(List<CsvRecords.Row> rows, RecordCodec<Features> codec, DataFormat format) {
        List<byte[]> values = new ArrayList<>(rows.size());
        for (CsvRecords.Row row : rows) {
            try {
                values.add(codec.encode(row.features()));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(file + " line " + row.line() + ": cannot write it as "
                        + format.cliName() + ": " + e.getMessage());
            }
        }
        return values;
    }

    /** Sends the records as {@code --count} and {@code --loop} say, and reports how many were acknowledged. */
    private int publish(int rows, String fixedDataType, ToLongBiFunction<DataPublisher, Long> send) {
        if (rows == 0) {
            throw new IllegalArgumentException("--file " + file + " has no rows");
        }
        long total = count != null ? count : loop ? Long.MAX_VALUE : rows;
        if (!loop) {
            total = Math.min(total, rows);
        }
        try (KafkaProducer<String, byte[]> producer = Clients.producer(kafka.reachableCluster())) {
            long acknowledged = send.applyAsLong(new DataPublisher(producer, kafka.dataTopic, fixedDataType, rate),
                    total);
            System.out.println("Published " + acknowledged + " records to " + kafka.dataTopic);
        }
        return 0;
    }
}
