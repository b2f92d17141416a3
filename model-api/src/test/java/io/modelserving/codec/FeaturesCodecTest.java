package io.modelserving.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.modelserving.Features;
import io.modelserving.internal.proto.WireFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Categorical features on the wire, and the records whose categorical part cannot be a {@link Features}. */
class FeaturesCodecTest {

    private final FeaturesCodec codec = new FeaturesCodec();

    @Test
    void categoricalFeaturesRoundTripInOrder() {
        Features car = Features.builder("car")
                .category("fuel", "diesel").number("engine size", 1.6).category("colour", "").number("doors", 5)
                .build();

        Features decoded = codec.decode(codec.encode(car)).get();

        assertThat(decoded).isEqualTo(car);
        assertThat(decoded.categorical()).containsExactly(entry("fuel", "diesel"), entry("colour", ""));
    }

    @Test
    void categoricalFeaturesWithoutNumbersRoundTrip() {
        Features onlyCategories = new Features("car", List.of(), new double[0], Map.of("fuel", "electric"));

        assertThat(codec.decode(codec.encode(onlyCategories)).get()).isEqualTo(onlyCategories);
    }

    @Test
    void theWireFieldsCarryNamesAndValuesSideBySide() throws Exception {
        Features car = Features.builder("car").number("doors", 5).category("fuel", "diesel").build();

        WireFormat.FeatureRecord wire = WireFormat.FeatureRecord.parseFrom(codec.encode(car));

        assertThat(wire.getCategoricalNamesList()).containsExactly("fuel");
        assertThat(wire.getCategoricalValuesList()).containsExactly("diesel");
        assertThat(wire.getNamesList()).containsExactly("doors");
    }

    @Test
    void moreCategoricalNamesThanValuesIsAFailure() {
        byte[] bytes = record().addCategoricalNames("fuel").addCategoricalNames("colour")
                .addCategoricalValues("diesel").build().toByteArray();

        assertThat(codec.decode(bytes).reason())
                .isEqualTo("feature record has 2 categorical names but 1 categorical values");
    }

    @Test
    void moreCategoricalValuesThanNamesIsAFailure() {
        byte[] bytes = record().addCategoricalValues("diesel").build().toByteArray();

        assertThat(codec.decode(bytes).reason())
                .isEqualTo("feature record has 0 categorical names but 1 categorical values");
    }

    @Test
    void aCategoricalNameGivenTwiceIsAFailure() {
        byte[] bytes = record().addCategoricalNames("fuel").addCategoricalValues("diesel")
                .addCategoricalNames("fuel").addCategoricalValues("petrol").build().toByteArray();

        assertThat(codec.decode(bytes).reason()).isEqualTo("categorical feature 'fuel' is given twice");
    }

    @Test
    void aNumericNameGivenTwiceIsAFailure() {
        byte[] bytes = WireFormat.FeatureRecord.newBuilder().setDataType("car")
                .addNames("doors").addValues(3).addNames("doors").addValues(5).build().toByteArray();

        assertThat(codec.decode(bytes).reason()).isEqualTo("feature 'doors' is given twice");
    }

    @Test
    void aNameBothNumericAndCategoricalIsAFailure() {
        byte[] bytes = record().addCategoricalNames("doors").addCategoricalValues("five").build().toByteArray();

        assertThat(codec.decode(bytes).reason()).isEqualTo("Feature 'doors' is both numeric and categorical");
    }

    @Test
    void categoricalFeaturesBesideUnnamedValuesAreAFailure() {
        byte[] bytes = WireFormat.FeatureRecord.newBuilder().setDataType("car").addValues(5)
                .addCategoricalNames("fuel").addCategoricalValues("diesel").build().toByteArray();

        assertThat(codec.decode(bytes).reason())
                .isEqualTo("Features with categorical values must name their numeric values too");
    }

    /** A valid record with one named numeric feature, "doors" = 5, to add bad categorical fields to. */
    private static WireFormat.FeatureRecord.Builder record() {
        return WireFormat.FeatureRecord.newBuilder().setDataType("car").addNames("doors").addValues(5);
    }
}
