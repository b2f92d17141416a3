package io.modelserving.pmml;

import static io.modelserving.testkit.CarPrices.INTERCEPT;
import static io.modelserving.testkit.CarPrices.PER_ENGINE_SIZE;
import static io.modelserving.testkit.CarPrices.PER_FUEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.testkit.CarPrices;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Models with categorical (string) input fields, scoring the categorical features of records. */
class PmmlCategoricalFeaturesTest {

    private final PmmlModel carPrice = PmmlModel.load(CarPrices.pmml());
    private final PmmlModel wineStyle = PmmlModel.load(InlinePmml.wineStyle());

    @Test
    void aRegressionAddsTheCoefficientOfTheRecordsCategory() {
        assertThat(carPrice.inputNames()).containsExactlyInAnyOrder("engine size", "fuel");
        for (String fuel : List.of("diesel", "petrol", "electric")) {
            for (double engineSize : new double[] {1.0, 1.6, 2.4}) {
                Features car = Features.builder("car").category("fuel", fuel).number("engine size", engineSize).build();

                double expected = INTERCEPT + PER_ENGINE_SIZE * engineSize + PER_FUEL.get(fuel);
                assertThat(carPrice.score(car).value()).as("%s, %s", fuel, engineSize)
                        .isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void aTreeSplitsOnACategoricalField() {
        List<Features> wines = List.of(wine("red", 12), wine("red", 14), wine("white", 12), wine("white", 13.5),
                wine("rose", 11), wine("rose", 13));
        for (Features wine : wines) {
            String colour = wine.category("colour");
            double alcohol = wine.get("alcohol");
            Prediction prediction = wineStyle.score(wine);

            if (colour.equals("red")) {
                assertThat(prediction.label()).as("%s", wine).isEqualTo("full");
                assertThat(prediction.probabilities()).containsExactly(entry("light", 1 / 4.0), entry("full", 3 / 4.0));
            } else if (alcohol > 13) {
                assertThat(prediction.label()).as("%s", wine).isEqualTo("full");
                assertThat(prediction.probabilities()).containsExactly(entry("light", 0.0), entry("full", 1.0));
            } else {
                assertThat(prediction.label()).as("%s", wine).isEqualTo("light");
                assertThat(prediction.probabilities()).containsExactly(entry("light", 1.0), entry("full", 0.0));
            }
        }
    }

    @Test
    void recordsWhoseCategoricalNamesDifferAreEachReadByTheirOwnNames() {
        // The same numeric names throughout, so the numeric lookup is shared; the categories come and go.
        Features dieselAlone = Features.builder("car").number("engine size", 1.6).category("fuel", "diesel").build();
        Features electricWithColour = Features.builder("car").number("engine size", 1.6)
                .category("colour", "red").category("fuel", "electric").build();
        Features colourWithoutFuel = Features.builder("car").number("engine size", 1.6).category("colour", "red")
                .build();

        assertThat(carPrice.score(dieselAlone).value()).isCloseTo(price(1.6, "diesel"), within(1e-9));
        assertThat(carPrice.score(electricWithColour).value()).isCloseTo(price(1.6, "electric"), within(1e-9));
        assertThatThrownBy(() -> carPrice.score(colourWithoutFuel)).isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("no feature 'fuel'");
        assertThat(carPrice.score(dieselAlone).value()).isCloseTo(price(1.6, "diesel"), within(1e-9));
    }

    @Test
    void aRecordWithoutACategoricalFieldTheModelNeedsFailsNamingIt() {
        Features noFuel = Features.builder("car").number("engine size", 1.6).category("colour", "red").build();
        Features onlyCategories = new Features("car", List.of(), new double[0], Map.of("fuel", "diesel"));

        assertThatThrownBy(() -> carPrice.score(noFuel)).isInstanceOf(PmmlModelException.class)
                .hasMessage("The record has no feature 'fuel' that the PMML model needs;"
                        + " it has [engine size] and categorical [colour]");
        assertThatThrownBy(() -> carPrice.score(Features.of("car", List.of("engine size"), 1.6)))
                .isInstanceOf(PmmlModelException.class)
                .hasMessage("The record has no feature 'fuel' that the PMML model needs; it has [engine size]");
        assertThatThrownBy(() -> carPrice.score(onlyCategories)).isInstanceOf(PmmlModelException.class)
                .hasMessage("The record has no feature 'engine size' that the PMML model needs;"
                        + " it has [] and categorical [fuel]");
    }

    @Test
    void aCategoryTheModelDoesNotKnowFailsNamingTheFieldAndTheValuesItKnows() {
        assertThatThrownBy(() -> carPrice.score(car(1.6, "hydrogen"))).isInstanceOf(PmmlModelException.class)
                .hasMessage("The PMML model gave no prediction for this record: its 'fuel' is 'hydrogen',"
                        + " not one of the values the model knows [diesel, petrol, electric]");
        assertThatThrownBy(() -> carPrice.score(car(1.6, "Diesel"))).as("categories are case-sensitive")
                .isInstanceOf(PmmlModelException.class).hasMessageContaining("'fuel' is 'Diesel'");
        assertThatThrownBy(() -> wineStyle.score(wine("orange", 14))).isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("its 'colour' is 'orange', not one of the values the model knows"
                        + " [red, white, rose]");
    }

    @Test
    void aCategoricalFieldWithoutValuesKnowsOnlyWhatTheModelMentions() {
        byte[] noValues = replace(InlinePmml.wineStyle(),
                "<Value value=\"red\"/><Value value=\"white\"/><Value value=\"rose\"/>", "");
        PmmlModel model = PmmlModel.load(noValues);

        assertThat(model.score(wine("red", 12)).label()).isEqualTo("full");
        assertThatThrownBy(() -> model.score(wine("white", 12))).isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("its 'colour' is 'white', not one of the values the model knows [red]");
    }

    @Test
    void aDocumentThatTakesInvalidValuesAsTheyAreScoresAnUnknownCategoryWithoutItsCoefficient() {
        PmmlModel asIs = PmmlModel.load(replace(CarPrices.pmml(), "<MiningField name=\"fuel\"/>",
                "<MiningField name=\"fuel\" invalidValueTreatment=\"asIs\"/>"));
        PmmlModel asMissing = PmmlModel.load(replace(InlinePmml.wineStyle(), "<MiningField name=\"colour\"/>",
                "<MiningField name=\"colour\" invalidValueTreatment=\"asMissing\"/>"));

        // a CategoricalPredictor adds its coefficient only when the value matches it
        assertThat(asIs.score(car(2.0, "hydrogen")).value())
                .isCloseTo(INTERCEPT + PER_ENGINE_SIZE * 2.0, within(1e-9));
        // a missing colour is not "red", so the tree decides on alcohol
        assertThat(asMissing.score(wine("orange", 14)).label()).isEqualTo("full");
        assertThat(asMissing.score(wine("orange", 12)).label()).isEqualTo("light");
    }

    private static double price(double engineSize, String fuel) {
        return INTERCEPT + PER_ENGINE_SIZE * engineSize + PER_FUEL.get(fuel);
    }

    private static Features car(double engineSize, String fuel) {
        return Features.builder("car").number("engine size", engineSize).category("fuel", fuel).build();
    }

    private static Features wine(String colour, double alcohol) {
        return Features.builder("wine").number("alcohol", alcohol).category("colour", colour).build();
    }

    private static byte[] replace(byte[] pmml, String target, String replacement) {
        String text = new String(pmml, StandardCharsets.UTF_8);
        if (!text.contains(target)) {
            throw new IllegalArgumentException("no " + target + " in the document");
        }
        return text.replace(target, replacement).getBytes(StandardCharsets.UTF_8);
    }
}
