package io.modelserving.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.modelserving.Features;
import io.modelserving.codec.FeatureFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON objects read through a {@link FeatureFields}, written back, and every way bytes fail to be a record. */
class JsonFeaturesCodecTest {

    private final JsonFeaturesCodec byTypeField = JsonFeaturesCodec.of(FeatureFields.builder().dataTypeField("type").build());

    @Test
    void everyFieldIsAFeatureNumbersNumericStringsAndBooleansCategorical() {
        Features car = byTypeField.decode(json("{'type': 'car', 'engine_cc': 1600, 'fuel': 'diesel', 'doors': 4.5,"
                + " 'automatic': true}")).get();

        assertThat(car).isEqualTo(Features.builder("car").number("engine_cc", 1600).category("fuel", "diesel")
                .number("doors", 4.5).category("automatic", "true").build());
    }

    @Test
    void numericAndCategoricalFeaturesRoundTripInOrder() {
        Features car = Features.builder("car").number("engine_cc", 1600).category("fuel", "diesel")
                .number("price", 12_345.678).category("colour", "").build();

        Features decoded = byTypeField.decode(byTypeField.encode(car)).get();

        assertThat(decoded).isEqualTo(car);
        assertThat(decoded.names()).containsExactly("engine_cc", "price");
        assertThat(decoded.categorical()).containsExactly(entry("fuel", "diesel"), entry("colour", ""));
    }

    @Test
    void encodingWritesTheDataTypeFieldThenTheFeatures() {
        Features wine = Features.of("wine", List.of("alcohol", "pH"), 9.5, 3.25);

        assertThat(new String(byTypeField.encode(wine), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"wine\",\"alcohol\":9.5,\"pH\":3.25}");
    }

    @Test
    void aFixedDataTypeReadsEveryFieldAsAFeature() {
        JsonFeaturesCodec wines = JsonFeaturesCodec.of(FeatureFields.builder().dataType("wine").build());
        Features wine = Features.of("wine", List.of("alcohol", "type"), 9.5, 2);

        assertThat(wines.decode(json("{'alcohol': 9.5, 'type': 2}")).get()).isEqualTo(wine);
        assertThat(wines.decode(wines.encode(wine)).get()).isEqualTo(wine);
    }

    @Test
    void declaredFeaturesAreReadUnderTheirNamesAndOtherFieldsIgnored() {
        JsonFeaturesCodec cars = JsonFeaturesCodec.of(FeatureFields.builder().dataTypeField("kind")
                .number("engine_cc", "engine size").category("fuel_code", "fuel").build());

        Features car = cars.decode(json("{'id': {'vin': 'X'}, 'kind': 'car', 'fuel_code': 7, 'engine_cc': 1.6,"
                + " 'note': null}")).get();

        assertThat(car).isEqualTo(Features.builder("car").number("engine size", 1.6).category("fuel", "7").build());
        assertThat(new String(cars.encode(car), StandardCharsets.UTF_8))
                .isEqualTo("{\"kind\":\"car\",\"engine_cc\":1.6,\"fuel_code\":\"7\"}");
        assertThat(cars.decode(cars.encode(car)).get()).isEqualTo(car);
    }

    @Test
    void aWholeNumberBeyondALongIsStillACategory() {
        JsonFeaturesCodec accounts = JsonFeaturesCodec.of(FeatureFields.builder().dataType("account")
                .category("id").build());

        assertThat(accounts.decode(json("{'id': 123456789012345678901234567890}")).get().category("id"))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void nullOrEmptyBytesAreFailures() {
        assertThat(byTypeField.decode(null).reason()).isEqualTo("no bytes (null value)");
        assertThat(byTypeField.decode(new byte[0]).reason()).isEqualTo("no bytes (empty value)");
        assertThat(byTypeField.decode(json("  \n ")).reason()).isEqualTo("no JSON value (only white space)");
    }

    @Test
    void bytesThatAreNotJsonAreAFailureWithTheParsersReasonAndPlace() {
        String reason = byTypeField.decode(json("{'type': 'car', 'doors': four}")).reason();

        assertThat(reason).startsWith("invalid JSON: ").contains("four").contains("(line 1, column ");
    }

    @Test
    void aJsonValueOtherThanAnObjectIsAFailureThatSaysWhatItIs() {
        assertThat(byTypeField.decode(json("[1, 2]")).reason()).isEqualTo("the JSON value is an array, not an object");
        assertThat(byTypeField.decode(json("'car'")).reason())
                .isEqualTo("the JSON value is \"car\" (a string), not an object");
        assertThat(byTypeField.decode(json("42")).reason()).isEqualTo("the JSON value is 42 (a number), not an object");
        assertThat(byTypeField.decode(json("true")).reason())
                .isEqualTo("the JSON value is true (a boolean), not an object");
        assertThat(byTypeField.decode(json("null")).reason()).isEqualTo("the JSON value is null, not an object");
    }

    @Test
    void anythingButWhiteSpaceAfterTheObjectIsAFailure() {
        assertThat(byTypeField.decode(json("{'type': 'car'} {'type': 'van'}")).reason())
                .isEqualTo("trailing content after the JSON object (line 1, column 16)");
        assertThat(byTypeField.decode(json("{'type': 'car'}garbage")).reason())
                .isEqualTo("trailing content after the JSON object (line 1, column 16)");
        assertThat(byTypeField.decode(json("{'type': 'car'}\n\t ")).isValue()).isTrue();
    }

    @Test
    void aKeyGivenTwiceIsAFailureNamingIt() {
        String reason = byTypeField.decode(json("{'type': 'car', 'doors': 4, 'doors': 5}")).reason();

        assertThat(reason).startsWith("invalid JSON: ").contains("Duplicate").contains("'doors'");
    }

    @Test
    void nanAndInfinityLiteralsAreNotJson() {
        assertThat(byTypeField.decode(json("{'type': 'car', 'doors': NaN}")).reason())
                .startsWith("invalid JSON: ").contains("NaN");
        assertThat(byTypeField.decode(json("{'type': 'car', 'doors': -Infinity}")).reason())
                .startsWith("invalid JSON: ").contains("Infinity");
    }

    @Test
    void aNumberBeyondADoubleIsAFailureNamingTheField() {
        assertThat(byTypeField.decode(json("{'type': 'car', 'doors': 1e999}")).reason())
                .isEqualTo("field 'doors' is Infinity");
    }

    @Test
    void whatFeatureFieldsRejectsIsAFailureNamingTheField() {
        assertThat(byTypeField.decode(json("{'doors': 4}")).reason()).isEqualTo("missing the data type field 'type'");
        assertThat(byTypeField.decode(json("{'type': 7}")).reason())
                .isEqualTo("the data type field 'type' is 7 (a number), not a non-empty string");
        assertThat(byTypeField.decode(json("{'type': 'car', 'doors': null}")).reason())
                .isEqualTo("field 'doors' is null, neither a number nor a string");
        assertThat(byTypeField.decode(json("{'type': 'car', 'owner': {'name': 'A'}}")).reason())
                .startsWith("field 'owner' is a nested value").endsWith("declare the features to read only some fields");

        JsonFeaturesCodec declared = JsonFeaturesCodec.of(FeatureFields.builder().dataType("car")
                .number("doors").category("fuel").build());
        assertThat(declared.decode(json("{'fuel': 'diesel'}")).reason()).isEqualTo("missing field 'doors'");
        assertThat(declared.decode(json("{'doors': '4', 'fuel': 'diesel'}")).reason())
                .isEqualTo("field 'doors' is \"4\" (a string), not a number");
        assertThat(declared.decode(json("{'doors': 4, 'fuel': 1.5}")).reason())
                .isEqualTo("field 'fuel' is 1.5 (a number), not a category (a string)");
    }

    @Test
    void aValueJsonCannotCarryIsRefusedWhenEncoding() {
        Features broken = Features.of("car", List.of("doors"), Double.NaN);

        assertThatThrownBy(() -> byTypeField.encode(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot write field 'doors' as JSON: it is NaN");
    }

    @Test
    void aDeclaredFeatureMissingFromTheFeaturesIsRefusedWhenEncoding() {
        JsonFeaturesCodec declared = JsonFeaturesCodec.of(FeatureFields.builder().dataType("car").number("doors").build());

        assertThatThrownBy(() -> declared.encode(Features.of("car", List.of("seats"), 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("doors");
    }

    @Test
    void bytesThatAreNotUtf8AreAFailure() {
        byte[] bytes = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xc3, '(', '"', '}'};

        assertThat(byTypeField.decode(bytes).reason()).startsWith("invalid JSON: ").contains("UTF-8");
    }

    @Test
    void theCodecKeepsItsFeatureFields() {
        FeatureFields fields = FeatureFields.builder().dataType("car").build();

        assertThat(JsonFeaturesCodec.of(fields).fields()).isSameAs(fields);
    }

    /** JSON written with single quotes, for readability. */
    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
