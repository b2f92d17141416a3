package io.modelserving.avro;

import static io.modelserving.avro.CarRecords.V2;
import static io.modelserving.avro.CarRecords.avro;
import static io.modelserving.avro.CarRecords.car;
import static io.modelserving.avro.CarRecords.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.Features;
import io.modelserving.codec.FeatureFields;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroFeaturesCodecEncodeTest {

    private static final FeatureFields ALL_FIELDS = FeatureFields.builder().dataTypeField("type").build();

    /** Numbers in a union, a flag, a code and a field that is no feature. */
    private static final Schema MEASURE = parse("""
            {"type": "record", "name": "Measure", "fields": [
              {"name": "reading", "type": ["null", "int", "double"]},
              {"name": "whole", "type": ["null", "int"], "default": null},
              {"name": "valid", "type": "boolean", "default": true},
              {"name": "code", "type": "long", "default": 0},
              {"name": "note", "type": ["null", "string"]},
              {"name": "unit", "type": "string", "default": "mm"}
            ]}""");

    private static final AvroFeaturesCodec MEASURES = AvroFeaturesCodec.builder(MEASURE, FeatureFields.builder()
            .dataType("measure").number("reading").build()).build();

    /** The car features, with {@code name} set to {@code value} (a number or a category). */
    private static Features carWith(String name, Object value) {
        GenericRecord car = car();
        Features.Builder features = Features.builder("car");
        for (String field : new String[] {"cylinders", "mileage", "engine", "price", "doors"}) {
            Object given = field.equals(name) ? value : car.get(field);
            addTo(features, field, given);
        }
        for (String field : new String[] {"fuel", "body", "owner"}) {
            addTo(features, field, field.equals(name) ? value : car.get(field).toString());
        }
        return features.build();
    }

    private static void addTo(Features.Builder features, String name, Object value) {
        if (value instanceof Number number) {
            features.number(name, number.doubleValue());
        } else {
            features.category(name, value.toString());
        }
    }

    private static GenericRecord measure(Object reading) {
        GenericRecord measure = new GenericData.Record(MEASURE);
        measure.put("reading", reading);
        measure.put("whole", null);
        measure.put("valid", true);
        measure.put("code", 0L);
        measure.put("note", null);
        measure.put("unit", "mm");
        return measure;
    }

    private static void refused(Features features, String message) {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).build();
        assertThatThrownBy(() -> codec.encode(features)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aWholeNumberGoesToAnIntAndALong() {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).build();
        GenericRecord threeCylinders = car();
        threeCylinders.put("cylinders", 3);
        GenericRecord negativeMileage = car();
        negativeMileage.put("mileage", -7L);

        assertThat(codec.encode(carWith("cylinders", 3.0))).isEqualTo(avro(threeCylinders));
        assertThat(codec.encode(carWith("mileage", -7.0))).isEqualTo(avro(negativeMileage));
    }

    @Test
    void aNumberAnIntOrALongCannotHoldIsRefused() {
        refused(carWith("cylinders", 3.5), "field 'cylinders' (Avro int) cannot hold 3.5: not a whole number");
        refused(carWith("cylinders", 3e9), "field 'cylinders' (Avro int) cannot hold 3.0E9: out of the int range");
        refused(carWith("mileage", 1e19), "field 'mileage' (Avro long) cannot hold 1.0E19: out of the long range");
        refused(carWith("engine", 1e39), "field 'engine' (Avro float) cannot hold 1.0E39: out of the float range");
    }

    @Test
    void aFloatFieldTakesTheNearestFloat() {
        GenericRecord car = car();
        car.put("engine", (float) 1.2345678901);
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).build();

        assertThat(codec.encode(carWith("engine", 1.2345678901))).isEqualTo(avro(car));
    }

    @Test
    void textGoesToAStringOrAnEnumSymbol() {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, ALL_FIELDS).build();
        GenericRecord petrol = car();
        petrol.put("fuel", "petrol");
        GenericRecord coupe = car();
        coupe.put("body", new GenericData.EnumSymbol(V2.getField("body").schema(), "COUPE"));

        assertThat(codec.encode(carWith("fuel", "petrol"))).isEqualTo(avro(petrol));
        assertThat(codec.encode(carWith("body", "COUPE"))).isEqualTo(avro(coupe));
    }

    @Test
    void aValueOfTheWrongKindIsRefused() {
        refused(carWith("body", "TRUCK"),
                "field 'body' (Avro enum) cannot hold \"TRUCK\": not one of the symbols [SEDAN, WAGON, COUPE]");
        refused(carWith("fuel", 2.0), "field 'fuel' (Avro string) cannot hold 2.0: a number for a string");
        refused(carWith("price", "high"), "field 'price' (Avro double) cannot hold \"high\": a string for a double");
        refused(carWith("owner", 1.0), "field 'owner' (Avro union [null, string]) cannot hold 1.0 in any branch"
                + " (string: a number for a string)");
    }

    @Test
    void aUnionTakesItsFirstBranchThatCanHoldTheValue() {
        assertThat(MEASURES.encode(Features.of("measure", List.of("reading"), 2.0)))
                .isEqualTo(avro(measure(2)));
        assertThat(MEASURES.encode(Features.of("measure", List.of("reading"), 2.5)))
                .isEqualTo(avro(measure(2.5)));
    }

    @Test
    void fieldsThatAreNoFeatureGetTheirDefaultOrNull() {
        // MEASURES writes only the reading: whole, valid, code and unit have defaults, note is a union with null
        GenericRecord expected = measure(2.5);
        assertThat(MEASURES.encode(Features.of("measure", List.of("reading"), 2.5)))
                .isEqualTo(avro(expected));
    }

    @Test
    void categoriesGoToBooleansAndCodes() {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(MEASURE, FeatureFields.builder().dataType("measure")
                .number("reading").category("valid").category("code").build()).build();
        GenericRecord expected = measure(1.5);
        expected.put("valid", false);
        expected.put("code", 42L);

        Features features = Features.builder("measure").number("reading", 1.5).category("valid", "false")
                .category("code", "42").build();
        assertThat(codec.encode(features)).isEqualTo(avro(expected));
        assertThat(codec.decode(avro(expected)).get()).isEqualTo(features);
        assertThatThrownBy(() -> codec.encode(Features.builder("measure").number("reading", 1.5)
                .category("valid", "yes").category("code", "42").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'valid' (Avro boolean) cannot hold \"yes\": neither \"true\" nor \"false\"");
        assertThatThrownBy(() -> codec.encode(Features.builder("measure").number("reading", 1.5)
                .category("valid", "true").category("code", "4x").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'code' (Avro long) cannot hold \"4x\": not a whole number in decimal");
    }

    @Test
    void aUnionWithoutABranchForTheValueIsRefused() {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(MEASURE, FeatureFields.builder().dataType("measure")
                .number("reading").number("whole").build()).build();
        assertThatThrownBy(() -> codec.encode(Features.of("measure", List.of("reading", "whole"), 1, 2.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'whole' (Avro union [null, int]) cannot hold 2.5 in any branch"
                        + " (int: not a whole number)");
    }

    @Test
    void aFeatureWithoutAFieldIsRefused() {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(MEASURE, FeatureFields.builder().dataType("measure")
                .build()).build();
        assertThatThrownBy(() -> codec.encode(Features.of("measure", List.of("reading", "weight"), 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the Avro schema Measure has no field 'weight'; its fields are"
                        + " [reading, whole, valid, code, note, unit]");
    }

    @Test
    void aRequiredFieldThatIsNoFeatureIsRefused() {
        AvroFeaturesCodec codec = AvroFeaturesCodec.builder(V2, FeatureFields.builder().dataType("car")
                .number("price").build()).build();
        assertThatThrownBy(() -> codec.encode(Features.of("car", List.of("price"), 9.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'type' of the Avro schema test.cars.Car is no feature and has no default value");
    }
}
