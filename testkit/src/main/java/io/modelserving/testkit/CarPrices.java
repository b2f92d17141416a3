package io.modelserving.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A PMML regression with a categorical predictor, for tests of categorical features: a car's price from its
 * numeric "engine size" and its categorical "fuel" (diesel, petrol or electric). Tests compute the expected price
 * from the constants here, independently of any PMML evaluator.
 *
 * <pre>{@code
 * processor.update(ModelDescriptor.builder("car-price", "car", "pmml").bytes(CarPrices.pmml()).build());
 * double expected = CarPrices.INTERCEPT + CarPrices.PER_ENGINE_SIZE * 1.6 + CarPrices.PER_FUEL.get("diesel");
 * }</pre>
 */
public final class CarPrices {

    public static final double INTERCEPT = 10_000;
    public static final double PER_ENGINE_SIZE = 5_000;
    public static final Map<String, Double> PER_FUEL = Map.of("diesel", 1_500.0, "petrol", 0.0, "electric", 8_000.0);

    private CarPrices() {
    }

    /** price = {@link #INTERCEPT} + {@link #PER_ENGINE_SIZE} × "engine size" + the "fuel"'s {@link #PER_FUEL}. */
    public static byte[] pmml() {
        return ("""
                <PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
                  <Header/>
                  <DataDictionary>
                    <DataField name="engine size" optype="continuous" dataType="double"/>
                    <DataField name="fuel" optype="categorical" dataType="string">
                      <Value value="diesel"/><Value value="petrol"/><Value value="electric"/>
                    </DataField>
                    <DataField name="price" optype="continuous" dataType="double"/>
                  </DataDictionary>
                  <RegressionModel functionName="regression">
                    <MiningSchema>
                      <MiningField name="engine size"/>
                      <MiningField name="fuel"/>
                      <MiningField name="price" usageType="target"/>
                    </MiningSchema>
                    <RegressionTable intercept="%s">
                      <NumericPredictor name="engine size" coefficient="%s"/>
                      <CategoricalPredictor name="fuel" value="diesel" coefficient="%s"/>
                      <CategoricalPredictor name="fuel" value="petrol" coefficient="%s"/>
                      <CategoricalPredictor name="fuel" value="electric" coefficient="%s"/>
                    </RegressionTable>
                  </RegressionModel>
                </PMML>
                """.formatted(INTERCEPT, PER_ENGINE_SIZE, PER_FUEL.get("diesel"), PER_FUEL.get("petrol"),
                PER_FUEL.get("electric"))).getBytes(StandardCharsets.UTF_8);
    }
}
