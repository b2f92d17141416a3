package io.modelserving.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.modelserving.Features;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeatureFieldsTest {

    private static final FeatureFields ALL = FeatureFields.builder().dataTypeField("type").build();

    /** Declared features, two of them renamed, with a fixed data type. */
    private static final FeatureFields DECLARED = FeatureFields.builder().dataType("car")
            .number("engine_cc", "engine size").number("doors").category("fuel").category("colour_code", "colour")
            .build();

    // --- every field is a feature

    @Test
    void everyFieldIsAFeatureNumbersNumericStringsAndBooleansCategorical() {
        Features features = ALL.read(record("engine size", 1.6, "type", "car", "fuel", "diesel", "doors", 5,
                "automatic", true, "price", new BigDecimal("12500.50"))).get();

        assertThat(features.dataType()).isEqualTo("car");
        assertThat(features.names()).as("the data type field is no feature")
                .containsExactly("engine size", "doors", "price");
        assertThat(features.values()).containsExactly(1.6, 5.0, 12500.5);
        assertThat(features.categorical()).containsExactly(entry("fuel", "diesel"), entry("automatic", "true"));
    }

    @Test
    void aNullFieldIsAFailureNamingIt() {
        assertThat(ALL.read(record("type", "car", "doors", null)).reason())
                .isEqualTo("field 'doors' is null, neither a number nor a string");
    }

    @Test
    void aNestedValueIsAFailureSuggestingToDeclareTheFeatures() {
        assertThat(ALL.read(record("type", "car", "owners", new ArrayList<>(List.of("ann", "bob")))).reason())
                .isEqualTo("field 'owners' is a nested value (ArrayList), neither a number nor a string;"
                        + " declare the features to read only some fields");
    }

    @Test
    void aNaNOrInfiniteNumberIsAFailureNamingTheField() {
        assertThat(ALL.read(record("type", "car", "doors", Double.NaN)).reason()).isEqualTo("field 'doors' is NaN");
        assertThat(ALL.read(record("type", "car", "doors", Float.NEGATIVE_INFINITY)).reason())
                .isEqualTo("field 'doors' is -Infinity");
        // a decimal beyond double's range becomes infinite when read as a double
        assertThat(ALL.read(record("type", "car", "price", new BigDecimal("1E400"))).reason())
                .isEqualTo("field 'price' is Infinity");
    }

    @Test
    void aFieldListedTwiceIsAFailureNotAnException() {
        FeatureFields.Fields twice = new FeatureFields.Fields() {
            @Override
            public List<String> names() {
                return List.of("type", "doors", "doors");
            }

            @Override
            public boolean has(String name) {
                return true;
            }

            @Override
            public Object get(String name) {
                return name.equals("type") ? "car" : 5;
            }
        };

        assertThat(ALL.read(twice).reason()).isEqualTo("Feature 'doors' is given twice");
    }

    // --- the data type

    @Test
    void theDataTypeFieldMustBeAPresentNonEmptyString() {
        assertThat(ALL.read(record("doors", 5)).reason()).isEqualTo("missing the data type field 'type'");
        assertThat(ALL.read(record("type", null, "doors", 5)).reason()).isEqualTo("missing the data type field 'type'");
        assertThat(ALL.read(record("type", 7, "doors", 5)).reason())
                .isEqualTo("the data type field 'type' is 7 (a number), not a non-empty string");
        assertThat(ALL.read(record("type", false, "doors", 5)).reason())
                .isEqualTo("the data type field 'type' is false (a boolean), not a non-empty string");
        assertThat(ALL.read(record("type", "", "doors", 5)).reason())
                .isEqualTo("the data type field 'type' is \"\" (a string), not a non-empty string");
        assertThat(ALL.read(record("type", Map.of(), "doors", 5)).reason())
                .startsWith("the data type field 'type' is a nested value (");
    }

    @Test
    void aFixedDataTypeReadsEveryFieldIncludingOneCalledType() {
        FeatureFields fixed = FeatureFields.builder().dataType("car").build();

        Features features = fixed.read(record("type", "hatchback", "doors", 5)).get();

        assertThat(features)
                .isEqualTo(Features.builder("car").category("type", "hatchback").number("doors", 5).build());
        assertThat(fixed.dataTypeField()).isEmpty();
        assertThat(ALL.dataTypeField()).isEqualTo(Optional.of("type"));
    }

    @Test
    void aLongStringIsShortenedInTheFailure() {
        assertThat(DECLARED.read(car("engine_cc", "x".repeat(50))).reason())
                .isEqualTo("field 'engine_cc' is \"" + "x".repeat(40) + "…\" (a string), not a number");
    }

    // --- declared features

    @Test
    void declaredFeaturesAreReadUnderTheirNamesAndOtherFieldsIgnored() {
        Features features = DECLARED.read(record("colour_code", 3, "doors", 5, "engine_cc", 1598,
                "fuel", "diesel", "comment", List.of("ignored"))).get();

        Features expected = Features.builder("car").number("engine size", 1598).number("doors", 5)
                .category("fuel", "diesel").category("colour", "3").build();
        assertThat(features).isEqualTo(expected);
        assertThat(DECLARED.declared()).containsExactly(
                new FeatureFields.Feature("engine_cc", "engine size", false),
                new FeatureFields.Feature("doors", "doors", false),
                new FeatureFields.Feature("fuel", "fuel", true),
                new FeatureFields.Feature("colour_code", "colour", true));
        assertThat(ALL.declared()).isEmpty();
    }

    @Test
    void aMissingDeclaredFieldIsAFailureNamingIt() {
        assertThat(DECLARED.read(record("engine_cc", 1598, "fuel", "diesel", "colour_code", "red")).reason())
                .isEqualTo("missing field 'doors'");
    }

    @Test
    void aDeclaredNumberMustBeAFiniteNumber() {
        assertThat(DECLARED.read(car("doors", "five")).reason())
                .isEqualTo("field 'doors' is \"five\" (a string), not a number");
        assertThat(DECLARED.read(car("doors", null)).reason()).isEqualTo("field 'doors' is null, not a number");
        assertThat(DECLARED.read(car("doors", true)).reason())
                .isEqualTo("field 'doors' is true (a boolean), not a number");
        assertThat(DECLARED.read(car("engine_cc", Double.POSITIVE_INFINITY)).reason())
                .isEqualTo("field 'engine_cc' is Infinity");
    }

    @Test
    void aDeclaredCategoryTakesStringsBooleansAndWholeNumbers() {
        assertThat(colour(new StringBuilder("red"))).isEqualTo("red");
        assertThat(colour(false)).isEqualTo("false");
        assertThat(colour(42)).isEqualTo("42");
        assertThat(colour(-9_000_000_000L)).isEqualTo("-9000000000");
        assertThat(colour((short) 7)).isEqualTo("7");
        assertThat(colour((byte) -3)).isEqualTo("-3");
        String beyondLong = "123456789012345678901234567890";
        assertThat(colour(new BigInteger(beyondLong))).isEqualTo(beyondLong);
        assertThat(colour(new BigDecimal("42.000"))).as("trailing zeros after the point").isEqualTo("42");
        assertThat(colour(new BigDecimal("1E+3"))).as("a negative scale").isEqualTo("1000");
    }

    @Test
    void aDeclaredCategoryRefusesFractionsNullsAndNestedValues() {
        assertThat(DECLARED.read(car("colour_code", new BigDecimal("2.5"))).reason())
                .isEqualTo("field 'colour_code' is 2.5 (a number), not a category (a string)");
        assertThat(DECLARED.read(car("colour_code", 2.5)).reason())
                .isEqualTo("field 'colour_code' is 2.5 (a number), not a category (a string)");
        assertThat(DECLARED.read(car("colour_code", null)).reason())
                .isEqualTo("field 'colour_code' is null, not a category (a string)");
        assertThat(DECLARED.read(car("colour_code", new byte[] {1})).reason())
                .isEqualTo("field 'colour_code' is a nested value (byte[]), not a category (a string)");
    }

    @Test
    void aDeclaredFieldMayCarryTheDataTypeToo() {
        FeatureFields fields = FeatureFields.builder().dataTypeField("type").category("type", "kind").number("doors")
                .build();

        assertThat(fields.read(record("type", "car", "doors", 5)).get())
                .isEqualTo(Features.builder("car").category("kind", "car").number("doors", 5).build());
    }

    // --- writing

    @Test
    void writingEveryFieldPutsTheDataTypeFirstThenNumbersThenCategories() {
        Features car = Features.builder("car").category("fuel", "diesel").number("doors", 5).build();

        Map<String, Object> fields = ALL.write(car);

        assertThat(fields).containsExactly(entry("type", "car"), entry("doors", 5.0), entry("fuel", "diesel"));
        assertThat(ALL.read(record(fields)).get()).isEqualTo(car);
    }

    @Test
    void writingPositionalValuesNamesThemByPosition() {
        Map<String, Object> fields = ALL.write(Features.positional("wine", 7.4, 9.4));

        assertThat(fields).containsExactly(entry("type", "wine"), entry("f0", 7.4), entry("f1", 9.4));
    }

    @Test
    void writingDeclaredFeaturesUsesTheirFieldsAndAFixedDataTypeIsNotWritten() {
        Features car = Features.builder("car").number("doors", 5).category("colour", "red").number("engine size", 1598)
                .category("fuel", "petrol").category("unused", "x").build();

        Map<String, Object> fields = DECLARED.write(car);

        assertThat(fields).containsExactly(entry("engine_cc", 1598.0), entry("doors", 5.0), entry("fuel", "petrol"),
                entry("colour_code", "red"));
        assertThat(DECLARED.read(record(fields)).get())
                .isEqualTo(Features.builder("car").number("engine size", 1598).number("doors", 5)
                        .category("fuel", "petrol").category("colour", "red").build());
    }

    @Test
    void writingDeclaredFeaturesARecordLacksThrowsNamingTheFeature() {
        Features noFuel = Features.builder("car").number("engine size", 1598).number("doors", 5).build();

        assertThatThrownBy(() -> DECLARED.write(noFuel)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No categorical feature named 'fuel' in []");
    }

    @Test
    void writingNeverLetsAFeatureOverwriteTheDataTypeOrAnotherFeature() {
        Features namedLikeTheType = Features.builder("car").number("doors", 5).category("type", "estate").build();
        FeatureFields oneFieldTwice = FeatureFields.builder().dataType("car").number("doors").category("doors", "d")
                .build();

        assertThatThrownBy(() -> ALL.write(namedLikeTheType)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Field 'type' would be written twice");
        assertThatThrownBy(() -> oneFieldTwice.write(Features.builder("car").number("doors", 5).category("d", "5")
                .build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Field 'doors' would be written twice");
    }

    // --- the builder

    @Test
    void theBuilderNeedsADataTypeAndTheLastChoiceWins() {
        assertThatThrownBy(() -> FeatureFields.builder().number("doors").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("Set a data type field or a fixed data type");

        FeatureFields fixedLast = FeatureFields.builder().dataTypeField("type").dataType("car").build();
        FeatureFields fieldLast = FeatureFields.builder().dataType("car").dataTypeField("type").build();

        assertThat(fixedLast.read(record("doors", 5)).get().dataType()).isEqualTo("car");
        assertThat(fixedLast.dataTypeField()).isEmpty();
        assertThat(fieldLast.read(record("type", "van", "doors", 5)).get().dataType()).isEqualTo("van");
    }

    @Test
    void theBuilderRefusesAFeatureNameDeclaredTwice() {
        assertThatThrownBy(() -> FeatureFields.builder().number("doors").category("doors"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Feature 'doors' is declared twice");
        assertThatThrownBy(() -> FeatureFields.builder().number("cc", "engine size").number("litres", "engine size"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Feature 'engine size' is declared twice");
    }

    @Test
    void theBuilderTakesAListOfFeatures() {
        FeatureFields fields = FeatureFields.builder().dataType("car").features(List.of(
                new FeatureFields.Feature("cc", "engine size", false), new FeatureFields.Feature("fuel", "fuel", true)))
                .build();

        assertThat(fields.read(record("fuel", "diesel", "cc", 1598)).get())
                .isEqualTo(Features.builder("car").number("engine size", 1598).category("fuel", "diesel").build());
    }

    @Test
    void theBuilderRefusesNulls() {
        assertThatThrownBy(() -> FeatureFields.builder().dataTypeField(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("field");
        assertThatThrownBy(() -> FeatureFields.builder().dataType(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dataType");
        assertThatThrownBy(() -> FeatureFields.builder().number(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("field");
        assertThatThrownBy(() -> FeatureFields.builder().category("fuel", null))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    /** The declared category "colour" read from a car record whose colour_code is {@code value}. */
    private static String colour(Object value) {
        return DECLARED.read(car("colour_code", value)).get().category("colour");
    }

    /** A complete car record for {@link #DECLARED}, with one field replaced. */
    private static MapFields car(String field, Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("engine_cc", 1598);
        fields.put("doors", 5);
        fields.put("fuel", "diesel");
        fields.put("colour_code", "red");
        fields.put(field, value);
        return new MapFields(fields);
    }

    /** A record from alternating names and values; a value may be null. */
    private static MapFields record(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new MapFields(fields);
    }

    private static MapFields record(Map<String, Object> fields) {
        return new MapFields(new LinkedHashMap<>(fields));
    }

    /** The fields of a record held in a map, as a codec of a structured format would present them. */
    private record MapFields(Map<String, Object> fields) implements FeatureFields.Fields {

        @Override
        public List<String> names() {
            return new ArrayList<>(fields.keySet());
        }

        @Override
        public boolean has(String name) {
            return fields.containsKey(name);
        }

        @Override
        public Object get(String name) {
            return fields.get(name);
        }
    }
}
