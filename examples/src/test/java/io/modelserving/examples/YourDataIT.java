package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on data that has nothing to do with wine: a CSV of cars published as JSON records, served on
 * Kafka Streams by a PMML model with a categorical input, scored records written as JSON and read back by
 * {@code read-scored}. Every car's price is computed here from the CSV and the model's constants.
 */
class YourDataIT {

    private static final int CARS = 300;
    private static final List<String> FUELS = List.of("diesel", "petrol", "electric");
    private static final List<String> COLOURS = List.of("red", "silver", "dark blue, metallic");

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path temp;

    /** One row of the CSV; the colour is a column the model does not need. */
    private record Car(double engineSize, String fuel, String colour) {
        double price() {
            return CarPrices.INTERCEPT + CarPrices.PER_ENGINE_SIZE * engineSize + CarPrices.PER_FUEL.get(fuel);
        }
    }

    @Test
    void aCsvOfCarsIsPublishedAsJsonScoredAndReadBackAsJson() throws Exception {
        ServingTopics topics = ServingTopics.of("cars", "car-models", "car-prices", "car-dead-letters");
        KafkaConnection cluster = KafkaConnection.of(KAFKA.bootstrapServers());
        TopicSetup.ensure(cluster, topics, Optional.empty());
        String[] kafka = {"--bootstrap-servers", KAFKA.bootstrapServers(), "--data-topic", topics.data(),
                "--model-topic", topics.models(), "--scored-topic", topics.scored(), "--dlq-topic",
                topics.deadLetters()};
        List<Car> cars = cars(new Random(42));
        Path csv = writeCsv(cars);
        Path pmml = Files.write(temp.resolve("car-price.pmml"), CarPrices.pmml());

        InProcessCli model = InProcessCli.run(kafka, "publish-model", "--file", pmml.toString(), "--type", "pmml",
                "--name", "car-price", "--version", "1", "--data-type", "car");
        assertThat(model.exit()).as(model.err()).isZero();

        // What serve --engine kafka-streams --data-format json --output-format json starts.
        ServingOptions options = ServingOptions.builder(cluster, temp.resolve("state"))
                .topics(topics).applicationId("your-data-it").httpPort(0)
                .dataCodec(DataFormat.JSON.codec(FeatureMap.defaults(), Optional.empty(), OptionalInt.empty()))
                .outputFormat(OutputFormat.JSON)
                .build();
        try (ServingApp serving = ServingApp.start(ServingApp.Engine.KAFKA_STREAMS, options)) {
            InProcessCli publish = InProcessCli.run(kafka, "publish-data", "--data-format", "json", "--data-type",
                    "car", "--file", csv.toString());
            assertThat(publish.exit()).as(publish.err()).isZero();
            assertThat(publish.out()).contains("Published " + CARS + " records to " + topics.data());

            InProcessCli read = InProcessCli.run(kafka, "read-scored", "--data-format", "json", "--output-format",
                    "json", "--from-beginning", "--count", Integer.toString(CARS), "--timeout", "30");
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

    /** Engine sizes from 1.0 to 4.0 litres in tenths, every fuel and colour. */
    private static List<Car> cars(Random random) {
        List<Car> cars = new ArrayList<>(CARS);
        for (int i = 0; i < CARS; i++) {
            cars.add(new Car((10 + random.nextInt(31)) / 10.0, FUELS.get(random.nextInt(FUELS.size())),
                    COLOURS.get(random.nextInt(COLOURS.size()))));
        }
        return cars;
    }

    /** {@code id,engine size,fuel,colour}; a colour with a comma in quotes, as any CSV writer quotes it. */
    private Path writeCsv(List<Car> cars) throws Exception {
        StringBuilder csv = new StringBuilder("id,engine size,fuel,colour\n");
        for (int i = 0; i < cars.size(); i++) {
            Car car = cars.get(i);
            String colour = car.colour().contains(",") ? '"' + car.colour() + '"' : car.colour();
            csv.append(i + 1).append(',').append(car.engineSize()).append(',').append(car.fuel()).append(',')
                    .append(colour).append('\n');
        }
        return Files.writeString(temp.resolve("cars.csv"), csv);
    }
}
