package io.modelserving.onnx;

import static io.modelserving.onnx.OnnxGraphs.FLOAT;
import static io.modelserving.onnx.OnnxGraphs.INT64;
import static io.modelserving.onnx.OnnxGraphs.STRING;
import static io.modelserving.onnx.OnnxGraphs.floatAttr;
import static io.modelserving.onnx.OnnxGraphs.floatsAttr;
import static io.modelserving.onnx.OnnxGraphs.intAttr;
import static io.modelserving.onnx.OnnxGraphs.node;
import static io.modelserving.onnx.OnnxGraphs.stringsAttr;
import static io.modelserving.onnx.OnnxGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.ModelSignature;
import io.modelserving.ModelSignature.Field;
import io.modelserving.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Models with one input per feature, as scikit-learn-onnx converts a ColumnTransformer: categories to strings. */
class OnnxPerFeatureInputsTest {

    private static final String[] FUELS = {"diesel", "petrol", "electric"};
    private static final float[] FUEL_CODES = {1.5f, 0.5f, 3f};
    private static final float UNKNOWN_FUEL_CODE = -1f;
    private static final float[] WEIGHTS = {2000f, 6.5f};
    private static final float BIAS = 5000f;
    private static final byte[] CAR_PRICE =
            OnnxGraphs.carPrice(FUELS, FUEL_CODES, UNKNOWN_FUEL_CODE, WEIGHTS, BIAS);

    private static final List<Features> CARS = List.of(
            car("diesel", 1600),
            car("petrol", 1199.5),
            car("electric", 0),
            car("hydrogen", 2000), // not in the encoder's table: its default code
            // other features, and another order: only the names matter
            Features.builder("car").category("colour", "red").number("doors", 5).number("engine_cc", 999)
                    .category("fuel", "petrol").build());

    @Test
    void readsOneInputPerFeatureAndListsEveryInputInItsSignature() {
        try (OnnxModel model = OnnxModel.load(CAR_PRICE)) {
            assertThat(model.inputNames()).containsExactly("fuel", "engine_cc");
            assertThat(model.featureCount()).isEqualTo(2);
            assertThat(model.signature()).contains(new ModelSignature(
                    List.of(new Field("fuel", "string", List.of(-1L, 1L)),
                            new Field("engine_cc", "float", List.of(-1L, 1L))),
                    List.of(new Field("price", "float", List.of(-1L, 1L)))));
        }
    }

    @Test
    void scoresEachRecordFromTheFeaturesNamedLikeTheInputs() {
        try (OnnxModel model = OnnxModel.load(CAR_PRICE)) {
            // worked by hand: 2000 * 1.5 + 6.5 * 1600 + 5000, and 2000 * -1 (unknown fuel) + 6.5 * 2000 + 5000
            assertThat(model.score(car("diesel", 1600)).value()).isCloseTo(18_400, within(0.01));
            assertThat(model.score(car("hydrogen", 2000)).value()).isCloseTo(16_000, within(0.01));
            for (Features car : CARS) {
                assertThat(model.score(car).value()).as(car.toString()).isCloseTo(expectedPrice(car), within(0.01));
            }
        }
    }

    @Test
    void aBatchFillsOneRowPerRecordInEveryInput() {
        try (OnnxModel model = OnnxModel.load(CAR_PRICE)) {
            List<Prediction> prices = model.scoreBatch(CARS);
            assertThat(prices).hasSize(CARS.size());
            for (int i = 0; i < CARS.size(); i++) {
                assertThat(prices.get(i).value()).as(CARS.get(i).toString())
                        .isCloseTo(expectedPrice(CARS.get(i)), within(0.01));
            }
        }
    }

    @Test
    void aRecordWithoutAFeatureAnInputNeedsFailsNamingTheInputAndTheRecordsFeatures() {
        try (OnnxModel model = OnnxModel.load(CAR_PRICE)) {
            Features noEngine = Features.builder("car").category("fuel", "diesel").number("doors", 3).build();
            assertThatThrownBy(() -> model.score(noEngine)).isInstanceOf(OnnxModelException.class)
                    .hasMessage("The record has no feature 'engine_cc' for the model's input 'engine_cc': float [?, 1];"
                            + " it has the features [doors, fuel]");
            assertThatThrownBy(() -> model.score(Features.positional("car", 1, 1600)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessage("The record has no feature 'fuel' for the model's input 'fuel': string [?, 1];"
                            + " it has 2 unnamed values");
            assertThatThrownBy(() -> model.scoreBatch(List.of(car("diesel", 1600), noEngine)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessageStartingWith("Record 1 of the batch has no feature 'engine_cc'");
        }
    }

    @Test
    void aNumberForAStringInputFailsSayingTheInputTakesStrings() {
        Features numericFuel = Features.builder("car").number("fuel", 2).number("engine_cc", 1600).build();
        try (OnnxModel model = OnnxModel.load(CAR_PRICE)) {
            assertThatThrownBy(() -> model.score(numericFuel)).isInstanceOf(OnnxModelException.class)
                    .hasMessage("The record has the number 2.0 for feature 'fuel', but the model's input"
                            + " 'fuel': string [?, 1] takes strings: send the feature as a category");
        }
    }

    @Test
    void aCategoryForANumericInputFailsSayingTheInputTakesNumbers() {
        Features categoricalEngine = Features.builder("car").category("fuel", "diesel").category("engine_cc", "big")
                .build();
        try (OnnxModel model = OnnxModel.load(CAR_PRICE)) {
            assertThatThrownBy(() -> model.scoreBatch(List.of(car("petrol", 1000), categoricalEngine)))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessage("Record 1 of the batch has the category 'big' for feature 'engine_cc', but the"
                            + " model's input 'engine_cc': float [?, 1] takes numbers");
        }
    }

    @Test
    void configuredFeatureNamesAreRefusedForAModelThatNamesItsInputs() {
        OnnxSettings settings = OnnxSettings.defaults().withFeatureNames(List.of("fuel", "engine_cc"));
        assertThatThrownBy(() -> OnnxModel.load(CAR_PRICE, settings)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("one input per feature")
                .hasMessageContaining("'fuel': string [?, 1], 'engine_cc': float [?, 1]");
    }

    /** doors int64 [N] and fuel string [N]: rank-one columns, and an integer input that refuses fractions. */
    @Test
    void rankOneColumnsAndAnIntegerInputThatTakesWholeNumbersOnly() {
        byte[] bytes = OnnxGraphs.model(List.of(tensor("doors", INT64, -1), tensor("fuel", STRING, -1)),
                List.of(tensor("y", FLOAT, -1)), List.of(),
                node("LabelEncoder", "ai.onnx.ml", List.of("fuel"), List.of("fuel_code"),
                        stringsAttr("keys_strings", "diesel"), floatsAttr("values_floats", 100f),
                        floatAttr("default_float", 0f)),
                node("Cast", "", List.of("doors"), List.of("doors_f"), intAttr("to", FLOAT)),
                node("Add", "", List.of("doors_f", "fuel_code"), List.of("y")));
        try (OnnxModel model = OnnxModel.load(bytes)) {
            List<Prediction> batch = model.scoreBatch(List.of(
                    Features.builder("car").number("doors", 3).category("fuel", "diesel").build(),
                    Features.builder("car").number("doors", 5).category("fuel", "petrol").build()));
            assertThat(batch).extracting(Prediction::value).containsExactly(103.0, 5.0);
            assertThatThrownBy(() -> model.score(Features.builder("car").number("doors", 2.5)
                    .category("fuel", "diesel").build()))
                    .isInstanceOf(OnnxModelException.class)
                    .hasMessage("The record has feature 'doors' = 2.5, but the model's input 'doors': int64 [?]"
                            + " takes INT64 integers");
        }
    }

    @Test
    void aModelWhoseOnlyInputIsAStringTakesTheCategoryOfItsName() {
        byte[] bytes = OnnxGraphs.model(List.of(tensor("colour", STRING, -1, 1)), List.of(tensor("label", STRING, -1, 1)),
                List.of(), node("Identity", "", List.of("colour"), List.of("label")));
        try (OnnxModel model = OnnxModel.load(bytes)) {
            assertThat(model.score(Features.builder("t").category("colour", "red").build()).label()).isEqualTo("red");
        }
    }

    private static Features car(String fuel, double engineCc) {
        return Features.builder("car").category("fuel", fuel).number("engine_cc", engineCc).build();
    }

    /** The price the graph should give, worked out here from the same table and coefficients. */
    private static double expectedPrice(Features car) {
        float fuelCode = UNKNOWN_FUEL_CODE;
        for (int i = 0; i < FUELS.length; i++) {
            if (FUELS[i].equals(car.category("fuel"))) {
                fuelCode = FUEL_CODES[i];
            }
        }
        return WEIGHTS[0] * fuelCode + WEIGHTS[1] * (float) car.get("engine_cc") + (double) BIAS;
    }
}
