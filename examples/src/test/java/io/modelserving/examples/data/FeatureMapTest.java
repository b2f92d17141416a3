package io.modelserving.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.Features;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.FeatureFields;
import io.modelserving.json.JsonFeaturesCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feature map file read into the fields-to-features rule, and every mistake in one named. */
class FeatureMapTest {

    private static final String CAR = "{\"type\": \"car\", \"engine_cc\": 1600, \"fuel\": \"diesel\", \"doors\": 5}";

    /** What the rule makes of a JSON record. */
    private static Decoded<Features> read(FeatureFields fields, String json) {
        return JsonFeaturesCodec.of(fields).decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void declaredFeaturesUnderNamesOfTheirOwn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cars.json"), """
                {"dataTypeField": "type",
                 "features": [{"field": "engine_cc", "name": "engine size", "kind": "number"},
                              {"field": "fuel", "kind": "category"}]}""");

        FeatureFields fields = FeatureMap.read(file);

        assertThat(read(fields, CAR).get()).isEqualTo(Features.builder("car").number("engine size", 1600)
                .category("fuel", "diesel").build());
    }

    @Test
    void aFixedDataTypeAndEveryField() {
        FeatureFields fields = FeatureMap.parse("{\"dataType\": \"vehicle\"}", "map.json");

        assertThat(read(fields, CAR).get()).isEqualTo(Features.builder("vehicle").category("type", "car")
                .number("engine_cc", 1600).category("fuel", "diesel").number("doors", 5).build());
    }

    @Test
    void theDefaultReadsTheDataTypeFromDataTypeAndEveryOtherField() {
        Features features = read(FeatureMap.defaults(), "{\"dataType\": \"car\", \"fuel\": \"petrol\"}").get();

        assertThat(features).isEqualTo(Features.builder("car").category("fuel", "petrol").build());
    }

    @Test
    void everyMistakeNamesTheFileAndWhatIsWrong() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"dataTypeField\": \"type\",", "map.json: not JSON: ");
        cases.put("[{\"dataType\": \"car\"}]", "map.json: not a JSON object");
        cases.put("{\"dataTypeField\": \"type\", \"dataTyp\": \"car\"}",
                "map.json: unknown key 'dataTyp' (use dataType, dataTypeField, features)");
        cases.put("{\"dataTypeField\": \"type\", \"dataType\": \"car\"}",
                "map.json: give dataTypeField or dataType, not both");
        cases.put("{\"features\": [{\"field\": \"fuel\", \"kind\": \"category\"}]}",
                "map.json: give dataTypeField (the field that names the data type) or dataType");
        cases.put("{\"dataType\": \"\"}", "map.json: dataType must be a non-empty string, was \"\"");
        cases.put("{\"dataTypeField\": 7}", "map.json: dataTypeField must be a non-empty string, was 7");
        cases.put("{\"dataType\": \"car\", \"dataType\": \"bus\"}", "map.json: not JSON: Duplicate field 'dataType'");
        cases.put("{\"dataType\": \"car\", \"features\": []}", "map.json: features must be a non-empty array");
        cases.put("{\"dataType\": \"car\", \"features\": [\"fuel\"]}", "map.json: features[0]: not an object");
        cases.put("{\"dataType\": \"car\", \"features\": [{\"field\": \"fuel\"}]}",
                "map.json: features[0]: missing kind (number or category)");
        cases.put("{\"dataType\": \"car\", \"features\": [{\"field\": \"a\", \"kind\": \"number\"},"
                + " {\"field\": \"fuel\", \"kind\": \"text\"}]}",
                "map.json: features[1]: kind 'text' is neither number nor category");
        cases.put("{\"dataType\": \"car\", \"features\": [{\"kind\": \"number\"}]}",
                "map.json: features[0]: missing field");
        cases.put("{\"dataType\": \"car\", \"features\": [{\"field\": \"fuel\", \"kind\": \"category\","
                + " \"type\": \"string\"}]}", "map.json: features[0]: unknown key 'type' (use field, kind, name)");
        cases.put("{\"dataType\": \"car\", \"features\": [{\"field\": \"a\", \"name\": \"x\", \"kind\": \"number\"},"
                + " {\"field\": \"b\", \"name\": \"x\", \"kind\": \"number\"}]}",
                "map.json: features[1]: Feature 'x' is declared twice");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThatThrownBy(() -> FeatureMap.parse(c.getKey(), "map.json")).as(c.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(c.getValue());
        }
    }
}
