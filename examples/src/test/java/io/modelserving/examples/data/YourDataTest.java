package io.modelserving.examples.data;

import static io.modelserving.testkit.CarPrices.INTERCEPT;
import static io.modelserving.testkit.CarPrices.PER_ENGINE_SIZE;
import static io.modelserving.testkit.CarPrices.PER_FUEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.avro.AvroFeaturesCodec;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.FeatureFields;
import io.modelserving.codec.RecordCodec;
import io.modelserving.json.JsonFeaturesCodec;
import io.modelserving.json.JsonScoredRecordCodec;
import io.modelserving.kafka.InputRecord;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.RecordServing;
import io.modelserving.kafka.ServingCore;
import io.modelserving.kafka.ServingSpec;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.pmml.PmmlModelFactory;
import io.modelserving.testkit.CarPrices;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "your data" page's code: JSON and Avro records with a categorical feature, scored by a PMML model that uses
 * it, with scored records written as JSON. Expected prices are computed here from the model's constants.
 */
class YourDataTest {

    private static final String CAR_SCHEMA = """
            {"type": "record", "name": "Car", "fields": [
              {"name": "type", "type": "string"},
              {"name": "engine_litres", "type": "float"},
              {"name": "fuel", "type": {"type": "enum", "name": "Fuel", "symbols": ["diesel", "petrol", "electric"]}}
            ]}""";

    private final ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
            .factories(List.of(new PmmlModelFactory())).build();
    private ServingCore<Features, Prediction> core;

    @AfterEach
    void close() {
        if (core != null) {
            core.close();
        }
        processor.close();
    }

    @Test
    void featuresCarryCategoriesBesideNumbers() {
        // tag::categorical-features[]
        Features car = Features.builder("car").number("engine size", 1.6).category("fuel", "diesel").build();
        String fuel = car.category("fuel");
        // end::categorical-features[]
        assertThat(fuel).isEqualTo("diesel");
        assertThat(car.get("engine size")).isEqualTo(1.6);
        assertThat(car.names()).containsExactly("engine size");
    }

    @Test
    void jsonRecordsAreScoredAndWrittenAsJson() throws Exception {
        // tag::json-records[]
        FeatureFields fields = FeatureFields.builder().dataTypeField("type").build(); // every other field is a feature
        RecordCodec<Features> records = JsonFeaturesCodec.of(fields);
        ServingSpec<Features, Prediction> spec = ServingSpec.of(processor, records, Codecs.predictions(),
                        Features::dataType)
                .withScoredCodec(new JsonScoredRecordCodec()); // scored records as JSON too; protobuf by default
        // end::json-records[]
        RecordServing<Features, Prediction> serving = start(spec);

        for (String fuel : PER_FUEL.keySet()) {
            String json = "{\"type\": \"car\", \"engine size\": 1.6, \"fuel\": \"" + fuel + "\"}";
            OutputRecord out = serve(serving, json.getBytes(StandardCharsets.UTF_8));

            ScoredRecord<Features, Prediction> scored = new JsonScoredRecordCodec().decode(out.value()).get();
            assertThat(((ScoringResult.Scored<Prediction>) scored.result()).value().value())
                    .isCloseTo(INTERCEPT + PER_ENGINE_SIZE * 1.6 + PER_FUEL.get(fuel), within(1e-9));
            assertThat(new String(out.value(), StandardCharsets.UTF_8))
                    .contains("\"input\":{\"engine size\":1.6,\"fuel\":\"" + fuel + "\"}");
        }
    }

    @Test
    void aJsonRecordWithoutItsCategoryIsADeadLetterNamingIt() throws Exception {
        RecordCodec<Features> records = JsonFeaturesCodec.of(FeatureFields.builder().dataTypeField("type").build());
        RecordServing<Features, Prediction> serving = start(ServingSpec.of(processor, records, Codecs.predictions(),
                Features::dataType));
        byte[] noFuel = "{\"type\": \"car\", \"engine size\": 1.6}".getBytes(StandardCharsets.UTF_8);

        OutputRecord out = serve(serving, noFuel);

        assertThat(out.isDeadLetter()).isTrue();
        assertThat(out.value()).isEqualTo(noFuel);
        assertThat(out.deadLetter().reason()).contains("'fuel'");
    }

    @Test
    void avroRecordsBehindTheConfluentHeaderAreScored() throws Exception {
        // tag::avro-records[]
        Schema car = new Schema.Parser().parse(CAR_SCHEMA);
        RecordCodec<Features> records = AvroFeaturesCodec.builder(car, FeatureFields.builder()
                        .dataTypeField("type")
                        .number("engine_litres", "engine size") // read under the model's name
                        .category("fuel") // an Avro enum: its symbol is the category
                        .build())
                .encodeWithSchemaId(17) // car's id in the schema registry: records framed with it are read, and
                .build();               // the protobuf scored envelope carries the input framed the same way
        // end::avro-records[]
        RecordServing<Features, Prediction> serving = start(ServingSpec.of(processor, records, Codecs.predictions(),
                Features::dataType));

        OutputRecord out = serve(serving, confluent(17, car, 2.0f, "electric"));

        assertThat(out.isDeadLetter()).as("dead letter: %s", out.deadLetter()).isFalse();
        ScoredRecord<Features, Prediction> scored =
                Codecs.scoredRecords(records, Codecs.predictions()).decode(out.value()).get();
        assertThat(((ScoringResult.Scored<Prediction>) scored.result()).value().value())
                .isCloseTo(INTERCEPT + PER_ENGINE_SIZE * 2.0 + PER_FUEL.get("electric"), within(1e-9));
        assertThat(serve(serving, confluent(99, car, 2.0f, "diesel")).deadLetter().reason())
                .contains("unknown schema id 99");
    }

    private RecordServing<Features, Prediction> start(ServingSpec<Features, Prediction> spec) {
        assertThat(processor.update(ModelDescriptor.builder("car-price", "car", "pmml")
                .bytes(CarPrices.pmml()).build()).accepted()).isTrue();
        core = ServingCore.builder(spec).topics(ServingTopics.of("cars", "models", "scored", "dead-letters")).build();
        core.models().restoreEnded();
        return core.records();
    }

    private static OutputRecord serve(RecordServing<Features, Prediction> serving, byte[] value) {
        return serving.serve(serving.decode(new InputRecord("k".getBytes(StandardCharsets.UTF_8), value,
                new RecordHeaders(), new ScoredRecord.Origin("cars", 0, 0))));
    }

    /** The Confluent wire format, by hand: magic byte 0, the schema id, then the Avro binary. */
    private static byte[] confluent(int schemaId, Schema schema, float engineLitres, String fuel) throws Exception {
        GenericRecord record = new GenericData.Record(schema);
        record.put("type", "car");
        record.put("engine_litres", engineLitres);
        record.put("fuel", new GenericData.EnumSymbol(schema.getField("fuel").schema(), fuel));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0);
        bytes.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }
}
