package io.modelserving.avro;

import static io.modelserving.avro.CarRecords.V1;
import static io.modelserving.avro.CarRecords.V2;
import static io.modelserving.avro.CarRecords.V3;
import static io.modelserving.avro.CarRecords.as;
import static io.modelserving.avro.CarRecords.avro;
import static io.modelserving.avro.CarRecords.car;
import static io.modelserving.avro.CarRecords.framed;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.FeatureFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroFeaturesCodecTest {

    private static final FeatureFields ALL_FIELDS = FeatureFields.builder().dataTypeField("type").build();

    /** The features FeatureFields' rule gives for every field of a car, read from the record itself. */
    private static Features featuresOf(GenericRecord car) {
        return Features.builder(car.get("type").toString())
                .number("cylinders", (Integer) car.get("cylinders"))
                .number("mileage", (Long) car.get("mileage"))
                .number("engine", (Float) car.get("engine"))
                .number("price", (Double) car.get("price"))
                .category("fuel", car.get("fuel").toString())
                .category("body", car.get("body").toString())
                .category("owner", car.get("owner").toString())
                .number("doors", (Integer) car.get("doors"))
                .build();
    }

    @Test
    void decodesAPlainRecordIntoItsFeatures() {
        GenericRecord car = car();
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).build();

        assertThat(codec.wireFormat()).isEqualTo(WireFormat.PLAIN);
        assertThat(codec.decode(avro(car)).get()).isEqualTo(featuresOf(car));
    }

    @Test
    void encodesTheBytesAvroWrites() {
        GenericRecord car = car();
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).build();

        assertThat(codec.encode(featuresOf(car))).isEqualTo(avro(car));
    }

    @Test
    void roundTripsBehindTheConfluentHeader() {
        GenericRecord car = car();
        byte[] framed = framed(18, avro(car));
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).encodeWithSchemaId(18).build();

        assertThat(codec.wireFormat()).isEqualTo(WireFormat.CONFLUENT);
        assertThat(codec.decode(framed).get()).isEqualTo(featuresOf(car));
        assertThat(codec.encode(featuresOf(car))).isEqualTo(framed);
    }

    @Test
    void withoutKnownSchemasAFramedRecordIsReadWithTheReaderSchemaWhateverItsId() {
        GenericRecord car = car();
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).wireFormat(WireFormat.CONFLUENT).build();

        assertThat(codec.decode(framed(99, avro(car))).get()).isEqualTo(featuresOf(car));
        assertThat(codec.decode(framed(0, avro(car))).get()).isEqualTo(featuresOf(car));
    }

    @Test
    void aWriterWithoutAFieldGetsTheReaderDefault() {
        GenericRecord old = as(V1, car());
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).writerSchema(17, V1).build();

        GenericRecord expected = as(V2, old);
        expected.put("doors", V2.getField("doors").defaultVal());
        assertThat(codec.decode(framed(17, avro(old))).get()).isEqualTo(featuresOf(expected));
    }

    @Test
    void aWriterWithAnExtraFieldHasItSkipped() {
        GenericRecord newer = as(V3, car());
        newer.put("colour", "red");
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).writerSchema(19, V3).build();

        assertThat(codec.decode(framed(19, avro(newer))).get()).isEqualTo(featuresOf(as(V2, newer)));
    }

    @Test
    void eachIdIsReadWithItsOwnWriterSchema() {
        GenericRecord car = car();
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS)
                .writerSchemas(Map.of(17, V1, 19, V3)).encodeWithSchemaId(18).build();
        GenericRecord newer = as(V3, car);
        newer.put("colour", "blue");

        assertThat(codec.decode(framed(18, avro(car))).get()).isEqualTo(featuresOf(car));
        assertThat(codec.decode(framed(19, avro(newer))).get()).isEqualTo(featuresOf(car));
        GenericRecord old = as(V2, as(V1, car));
        old.put("doors", V2.getField("doors").defaultVal());
        assertThat(codec.decode(framed(17, avro(as(V1, car)))).get()).isEqualTo(featuresOf(old));
    }

    @Test
    void declaredFeaturesReadOnlyTheirFieldsUnderTheirNames() {
        GenericRecord car = car();
        car.put("owner", null);
        FeatureFields declared = FeatureFields.builder().dataType("vehicle")
                .number("engine", "engine size").category("body").category("cylinders", "cylinder code").build();
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, declared).build();

        Features expected = Features.builder("vehicle")
                .number("engine size", (Float) car.get("engine"))
                .category("body", car.get("body").toString())
                .category("cylinder code", car.get("cylinders").toString())
                .build();
        assertThat(codec.decode(avro(car)).get()).isEqualTo(expected);
    }

    @Test
    void decodesFromManyThreadsAtOnce() throws Exception {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).writerSchema(17, V1)
                .encodeWithSchemaId(18).build();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                int seed = task;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        GenericRecord car = car();
                        car.put("mileage", (long) seed * 1_000_000 + i);
                        byte[] bytes = i % 2 == 0 ? framed(18, avro(car)) : framed(17, avro(as(V1, car)));
                        if (i % 2 != 0) {
                            car.put("doors", V2.getField("doors").defaultVal());
                        }
                        Decoded<Features> decoded = codec.decode(bytes);
                        if (!decoded.isValue() || !decoded.get().equals(featuresOf(car))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
