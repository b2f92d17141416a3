package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.data.DataFormat;
import io.modelserving.examples.data.FeatureMap;
import io.modelserving.examples.data.OutputFormat;
import io.modelserving.examples.kafka.Json;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.CarPrices;
import io.modelserving.testkit.EmbeddedKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on data that has nothing to do with wine: a CSV of cars published as JSON records (served on
 * Kafka Streams) or as Confluent-framed Avro (served on Akka Streams), scored by a PMML model with a categorical
 * input, written as JSON and read back by {@code read-scored}. Every car's price is computed here from the CSV and
 * the model's constants.
 */
class YourDataIT {

    private static final int CARS = 300;
    private static final List<String> FUELS = List.of("diesel", "petrol", "electric");
    private static final List<String> COLOURS = List.of("red", "silver", "dark blue, metallic");

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path temp;

    private final List<Car> cars = cars(new Random(42));

    /** One row of the CSV; the colour is a column the model does not need. */
    private record Car(double engineSize, String fuel, String colour) {
        double price() {
            return CarPrices.INTERCEPT + CarPrices.PER_ENGINE_SIZE * engineSize + CarPrices.PER_FUEL.get(fuel);
        }
    }

    @Test
    void aCsvOfCarsIsPublishedAsJsonScoredOnKafkaStreamsAndReadBackAsJson() throws Exception {
        Path csv = writeCsv("engine size", cars);
        serveAndCheck("json", ServingApp.Engine.KAFKA_STREAMS,
                DataFormat.JSON.codec(FeatureMap.defaults(), Optional.empty(), OptionalInt.empty()),
                List.of("--data-format", "json", "--data-type", "car", "--file", csv.toString()),
                List.of("--data-format", "json"));
    }

    /**
     * Confluent-framed Avro, on Akka Streams: Avro field names cannot hold a space, so a feature map reads the
     * column {@code engine_litres} under the model's name {@code engine size}, and the fuel is an Avro enum.
     */
    @Test
    void aCsvOfCarsIsPublishedAsConfluentAvroScoredOnAkkaStreamsAndReadBackAsJson() throws Exception {
        Path csv = writeCsv("engine_litres", cars);
        Path schemaFile = Files.writeString(temp.resolve("car.avsc"), """
                {"type": "record", "name": "Car", "fields": [
                  {"name": "type", "type": "string"},
                  {"name": "id", "type": "double"},
                  {"name": "engine_litres", "type": "double"},
                  {"name": "fuel", "type": {"type": "enum", "name": "Fuel", "symbols": ["diesel", "petrol", "electric"]}},
                  {"name": "colour", "type": "string"}]}""");
        Path mapFile = Files.writeString(temp.resolve("car-features.json"), """
                {"dataTypeField": "type",
                 "features": [{"field": "id", "kind": "number"},
                              {"field": "engine_litres", "name": "engine size", "kind": "number"},
                              {"field": "fuel", "kind": "category"},
                              {"field": "colour", "kind": "category"}]}""");
        List<String> avro = List.of("--data-format", "avro", "--avro-schema", schemaFile.toString(),
                "--avro-schema-id", "17", "--feature-map", mapFile.toString());
        List<String> publish = new ArrayList<>(avro);
        publish.addAll(List.of("--data-type", "car", "--file", csv.toString()));
        serveAndCheck("avro", ServingApp.Engine.AKKA_STREAMS,
                DataFormat.AVRO.codec(FeatureMap.read(mapFile), Optional.of(new Schema.Parser().parse(
                        schemaFile.toFile())), OptionalInt.of(17)),
                publish, avro);
    }

    /**
     * Publishes the car-price model, starts {@code engine} as {@code serve --output-format json} with
     * {@code dataCodec} would, publishes the CSV with {@code publishData}, reads {@link #CARS} scored records
     * with {@code read-scored --output-format json} and checks each against its row.
     */
    private void serveAndCheck(String name, ServingApp.Engine engine, RecordCodec<Features> dataCodec,
                               List<String> publishData, List<String> readFormat) throws Exception {
        ServingTopics topics = ServingTopics.prefixed(name + "-cars-");
        KafkaConnection cluster = KafkaConnection.of(KAFKA.bootstrapServers());
        TopicSetup.ensure(cluster, topics, Optional.empty());
        String[] kafka = {"--bootstrap-servers", KAFKA.bootstrapServers(), "--data-topic", topics.data(),
                "--model-topic", topics.models(), "--scored-topic", topics.scored(), "--dlq-topic",
                topics.deadLetters()};
        Path pmml = Files.write(temp.resolve("car-price.pmml"), CarPrices.pmml());

        InProcessCli model = InProcessCli.run(kafka, "publish-model", "--file", pmml.toString(), "--type", "pmml",
                "--name", "car-price", "--version", "1", "--data-type", "car");
        assertThat(model.exit()).as(model.err()).isZero();

        ServingOptions options = ServingOptions.builder(cluster, temp.resolve("state"))
                .topics(topics).applicationId(name + "-your-data-it").httpPort(0)
                .dataCodec(dataCodec)
                .outputFormat(OutputFormat.JSON)
                .build();
        try (ServingApp serving = ServingApp.start(engine, options)) {
            InProcessCli publish = InProcessCli.run(kafka, concat(List.of("publish-data"), publishData));
            assertThat(publish.exit()).as(publish.err()).isZero();
            assertThat(publish.out()).contains("Published " + CARS + " records to " + topics.data());

            List<String> readScored = new ArrayList<>(List.of("read-scored"));
            readScored.addAll(readFormat);
            readScored.addAll(List.of("--output-format", "json", "--from-beginning", "--count",
                    Integer.toString(CARS), "--timeout", "60"));
            InProcessCli read = InProcessCli.run(kafka, readScored.toArray(String[]::new));
            assertThat(read.exit()).as(read.err()).isZero();

            Map<String, Map<String, Object>> scored = new HashMap<>();
            read.out().lines().filter(line -> line.startsWith("{")).map(Json::read)
                    .forEach(json -> scored.put((String) json.get("key"), json));
            assertThat(scored).hasSize(CARS);
            for (int row = 0; row < CARS; row++) {
                Car car = cars.get(row);
                Map<String, Object> json = scored.get(Integer.toString(row));
                assertThat(json.get("outcome")).as("row %d: %s", row, json).isEqualTo("scored");
                assertThat(((Number) json.get("score")).doubleValue()).as("price of row %d", row)
                        .isCloseTo(car.price(), within(1e-6));
                assertThat(json.get("dataType")).isEqualTo("car");
                assertThat(json.get("input")).as("row %d", row).isEqualTo(Map.of("id", (double) (row + 1),
                        "engine size", car.engineSize(), "fuel", car.fuel(), "colour", car.colour()));
            }
            assertThat(KAFKA.consumeAll(topics.deadLetters(), Duration.ofSeconds(10))).isEmpty();
        }
    }

    private static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }

    /** Engine sizes from 1.0 to 4.0 litres in tenths, every fuel and colour. */
    private static List<Car> cars(Random random) {
        List<Car> cars = new ArrayList<>(CARS);
        for (int i = 0; i < CARS; i++) {
            cars.add(new Car((10 + random.nextInt(31)) / 10.0, FUELS.get(random.nextInt(FUELS.size())),
                    COLOURS.get(random.nextInt(COLOURS.size()))));
        }
        return cars;
    }

    /** {@code id,<engine column>,fuel,colour}; a colour with a comma in quotes, as any CSV writer quotes it. */
    private Path writeCsv(String engineColumn, List<Car> cars) throws Exception {
        StringBuilder csv = new StringBuilder("id," + engineColumn + ",fuel,colour\n");
        for (int i = 0; i < cars.size(); i++) {
            Car car = cars.get(i);
            String colour = car.colour().contains(",") ? '"' + car.colour() + '"' : car.colour();
            csv.append(i + 1).append(',').append(car.engineSize()).append(',').append(car.fuel()).append(',')
                    .append(colour).append('\n');
        }
        return Files.writeString(temp.resolve("cars.csv"), csv);
    }
}
