package io.modelserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void theBuilderKeepsNumbersInOrderAndCategoriesBesideThem() {
        Features car = Features.builder("car")
                .category("fuel", "diesel")
                .number("engine size", 1.6)
                .category("colour", "red")
                .number("doors", 5)
                .build();

        assertThat(car.dataType()).isEqualTo("car");
        assertThat(car.names()).containsExactly("engine size", "doors");
        assertThat(car.values()).containsExactly(1.6, 5.0);
        assertThat(car.categorical()).containsExactly(entry("fuel", "diesel"), entry("colour", "red"));
        assertThat(car.hasNames()).isTrue();
        assertThat(car.hasCategorical()).isTrue();
        assertThat(car.size()).as("only numeric values count").isEqualTo(2);
        assertThat(car.get("doors")).isEqualTo(5.0);
        assertThat(car.category("fuel")).isEqualTo("diesel");
    }

    @Test
    void numericFeaturesAloneHaveNoCategories() {
        Features wine = Features.of("wine", List.of("alcohol"), 9.4);

        assertThat(wine.hasCategorical()).isFalse();
        assertThat(wine.categorical()).isEmpty();
        assertThat(wine).isEqualTo(new Features("wine", List.of("alcohol"), new double[] {9.4}, Map.of()));
        assertThat(Features.builder("empty").build()).isEqualTo(Features.positional("empty"));
    }

    @Test
    void categoricalFeaturesCanStandAlone() {
        Features onlyCategories = new Features("car", List.of(), new double[0], Map.of("fuel", "petrol"));

        assertThat(onlyCategories.size()).isZero();
        assertThat(onlyCategories.category("fuel")).isEqualTo("petrol");
    }

    @Test
    void askingForAMissingFeatureSaysWhichKindItIs() {
        Features car = Features.builder("car").number("engine size", 1.6).category("fuel", "diesel").build();

        assertThatThrownBy(() -> car.category("engine size")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No categorical feature named 'engine size' in [fuel] ('engine size' is numeric)");
        assertThatThrownBy(() -> car.get("fuel")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No numeric feature named 'fuel' in [engine size] ('fuel' is categorical)");
        assertThatThrownBy(() -> car.category("colour")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No categorical feature named 'colour' in [fuel]");
        assertThatThrownBy(() -> car.get("colour")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No numeric feature named 'colour' in [engine size]");
    }

    @Test
    void theBuilderTakesEachNameOnce() {
        assertThatThrownBy(() -> Features.builder("car").number("doors", 3).number("doors", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Feature 'doors' is given twice");
        assertThatThrownBy(() -> Features.builder("car").category("fuel", "diesel").category("fuel", "petrol"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Feature 'fuel' is given twice");
        assertThatThrownBy(() -> Features.builder("car").number("fuel", 1).category("fuel", "petrol"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Feature 'fuel' is given twice");
    }

    @Test
    void aNameCannotBeBothNumericAndCategorical() {
        assertThatThrownBy(() -> new Features("car", List.of("fuel", "doors"), new double[] {1, 5},
                Map.of("fuel", "diesel")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Feature 'fuel' is both numeric and categorical");
    }

    @Test
    void categoriesNeedNamedNumbers() {
        assertThatThrownBy(() -> new Features("car", List.of(), new double[] {1.6}, Map.of("fuel", "diesel")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Features with categorical values must name their numeric values too");
    }

    @Test
    void aCategoryMustHaveAValueAndAName() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("fuel", null);
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "diesel");

        assertThatThrownBy(() -> Features.builder("car").category("fuel", null))
                .isInstanceOf(NullPointerException.class).hasMessage("categorical feature 'fuel' has no value");
        assertThatThrownBy(() -> new Features("car", List.of(), new double[0], nullValue))
                .isInstanceOf(NullPointerException.class).hasMessage("categorical feature 'fuel' has no value");
        assertThatThrownBy(() -> new Features("car", List.of(), new double[0], nullName))
                .isInstanceOf(NullPointerException.class).hasMessage("categorical feature name");
        assertThatThrownBy(() -> new Features("car", List.of(), new double[0], null))
                .isInstanceOf(NullPointerException.class).hasMessage("categorical");
        assertThatThrownBy(() -> Features.builder("car").number(null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    @Test
    void theCategoriesAreACopyThatCannotBeChanged() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("fuel", "diesel");
        Features car = new Features("car", List.of(), new double[0], source);
        source.put("fuel", "petrol");
        source.put("colour", "red");

        assertThat(car.categorical()).containsExactly(entry("fuel", "diesel"));
        assertThatThrownBy(() -> car.categorical().put("colour", "red"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void categoriesTakePartInEqualsAndHashCode() {
        Features diesel = Features.builder("car").number("doors", 5).category("fuel", "diesel").build();
        Features sameDiesel = new Features("car", List.of("doors"), new double[] {5}, Map.of("fuel", "diesel"));
        Features petrol = Features.builder("car").number("doors", 5).category("fuel", "petrol").build();
        Features noFuel = Features.of("car", List.of("doors"), 5);

        assertThat(diesel).isEqualTo(sameDiesel).hasSameHashCodeAs(sameDiesel);
        assertThat(diesel).isNotEqualTo(petrol).isNotEqualTo(noFuel);
        assertThat(diesel.hashCode()).isNotEqualTo(petrol.hashCode());
    }

    @Test
    void toStringShowsNamesValuesAndCategories() {
        Features car = Features.builder("car").number("doors", 5).category("fuel", "diesel").build();

        assertThat(car).hasToString("Features[car, [doors]=[5.0], {fuel=diesel}]");
        assertThat(Features.of("wine", List.of("alcohol"), 9.4)).hasToString("Features[wine, [alcohol]=[9.4]]");
        assertThat(Features.positional("wine", 1, 2)).hasToString("Features[wine, [1.0, 2.0]]");
    }
}
