package io.modelserving.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The tutorial's regression PMML files over all 1,599 wine rows, each compared with an evaluation written
 * here from the file's own parameters.
 */
class TutorialRegressionModelsTest {

    @Test
    void linearRegressionEqualsItsCoefficientsOnEveryRow() throws Exception {
        byte[] pmml = SeedTutorial.file("winequalityLinearRegression.pmml");
        Element table = PmmlDom.child(PmmlDom.child(PmmlDom.root(pmml), "RegressionModel"), "RegressionTable");
        double intercept = Double.parseDouble(table.getAttribute("intercept"));
        Map<String, Double> coefficients = new HashMap<>();
        for (Element predictor : PmmlDom.children(table, "NumericPredictor")) {
            assertThat(predictor.getAttribute("exponent")).isIn("", "1");
            coefficients.put(predictor.getAttribute("name"), Double.parseDouble(predictor.getAttribute("coefficient")));
        }
        assertThat(coefficients).hasSize(6);

        List<double[]> rows = SeedTutorial.rows();
        assertThat(rows).hasSize(1599);
        PmmlModel model = PmmlModel.load(pmml);
        assertThat(model.isClassification()).isFalse();
        assertThat(model.inputNames()).containsExactlyInAnyOrderElementsOf(coefficients.keySet());
        List<Prediction> batch = model.scoreBatch(rows.stream().map(SeedTutorial::features).toList());
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            double expected = intercept;
            for (Map.Entry<String, Double> c : coefficients.entrySet()) {
                expected += c.getValue() * SeedTutorial.value(row, c.getKey());
            }
            assertThat(model.score(SeedTutorial.features(row)).value()).as("row %d", i).isCloseTo(expected, within(1e-9));
            assertThat(batch.get(i).value()).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void generalizedLinearModelsEqualTheirParameterMatrices() throws Exception {
        List<double[]> rows = SeedTutorial.rows();
        for (String file : List.of("winequalityGeneralizedLinearRegressionGamma.pmml",
                "winequalityGeneralizedLinearRegressionGaussian.pmml")) {
            byte[] pmml = SeedTutorial.file(file);
            Element glm = PmmlDom.child(PmmlDom.root(pmml), "GeneralRegressionModel");
            assertThat(glm.getAttribute("linkFunction")).as(file).isEqualTo("identity");
            Map<String, Double> beta = new HashMap<>();
            for (Element cell : PmmlDom.children(PmmlDom.child(glm, "ParamMatrix"), "PCell")) {
                beta.put(cell.getAttribute("parameterName"), Double.parseDouble(cell.getAttribute("beta")));
            }
            // PPMatrix: parameter p multiplies predictor^value; a parameter with no cell is the intercept
            Map<String, Map<String, Double>> terms = new HashMap<>();
            for (Element cell : PmmlDom.children(PmmlDom.child(glm, "PPMatrix"), "PPCell")) {
                terms.computeIfAbsent(cell.getAttribute("parameterName"), p -> new HashMap<>())
                        .put(cell.getAttribute("predictorName"), Double.parseDouble(cell.getAttribute("value")));
            }
            PmmlModel model = PmmlModel.load(pmml);
            for (int i = 0; i < rows.size(); i++) {
                double[] row = rows.get(i);
                double expected = 0;
                for (Map.Entry<String, Double> b : beta.entrySet()) {
                    double term = b.getValue();
                    for (Map.Entry<String, Double> power : terms.getOrDefault(b.getKey(), Map.of()).entrySet()) {
                        term *= Math.pow(SeedTutorial.value(row, power.getKey()), power.getValue());
                    }
                    expected += term;
                }
                assertThat(model.score(SeedTutorial.features(row)).value()).as("%s row %d", file, i)
                        .isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void regressionTreeGivesTheScoreOfTheLeafEachRowReaches() throws Exception {
        byte[] pmml = SeedTutorial.file("winequalityDesisionTreeRegression.pmml");
        Element tree = PmmlDom.child(PmmlDom.root(pmml), "TreeModel");
        PmmlModel model = PmmlModel.load(pmml);
        List<double[]> rows = SeedTutorial.rows();
        long distinct = rows.stream().mapToDouble(row -> model.score(SeedTutorial.features(row)).value()).distinct().count();
        assertThat(distinct).as("the rows reach many leaves").isGreaterThan(10);
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            Element leaf = TreeWalker.leaf(tree, name -> SeedTutorial.value(row, name));
            double expected = Double.parseDouble(leaf.getAttribute("score"));
            assertThat(model.score(SeedTutorial.features(row)).value()).as("row %d", i).isEqualTo(expected);
        }
    }

    @Test
    void extraFeaturesAreIgnoredAndFeatureOrderDoesNotMatter() throws Exception {
        PmmlModel model = PmmlModel.load(SeedTutorial.file("winequalityLinearRegression.pmml"));
        double[] row = SeedTutorial.rows().get(0);
        List<String> names = new java.util.ArrayList<>(SeedTutorial.FEATURES);
        java.util.Collections.reverse(names);
        Features reversed = Features.of("wine", names, reverse(java.util.Arrays.copyOf(row, 11)));
        assertThat(model.score(reversed).value()).isEqualTo(model.score(SeedTutorial.features(row)).value());
    }

    private static double[] reverse(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[values.length - 1 - i];
        }
        return out;
    }
}
