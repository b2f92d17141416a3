package io.modelserving.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Prediction;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The tutorial's classification PMML files over all 1,599 wine rows. The trees are walked here, independently
 * of pmml4s; these are the files pmml4s 0.9.15 scores wrongly unless their class distributions are completed.
 */
class TutorialClassifiersTest {

    private static final List<String> CLASSES = List.of("5", "6", "7", "4", "8", "3");

    @Test
    void decisionTreeMatchesTheLeafEachRowReaches() throws Exception {
        byte[] pmml = SeedTutorial.file("winequalityDecisionTreeClassification.pmml");
        Element root = PmmlDom.root(pmml);
        assertThat(PmmlDom.classes(root, "quality")).isEqualTo(CLASSES);
        Element tree = PmmlDom.child(root, "TreeModel");
        PmmlModel model = PmmlModel.load(pmml);
        assertThat(model.isClassification()).isTrue();
        assertThat(model.classes()).isEqualTo(CLASSES);

        List<double[]> rows = SeedTutorial.rows();
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            Map<String, Double> expected =
                    TreeWalker.probabilities(TreeWalker.leaf(tree, name -> SeedTutorial.value(row, name)), CLASSES);
            check(model.score(SeedTutorial.features(row)), expected, 1e-12, "row " + i);
        }
    }

    @Test
    void randomForestMatchesTheAverageOfItsTrees() throws Exception {
        byte[] pmml = SeedTutorial.file("winequalityRandonForrestClassification.pmml");
        Element mining = PmmlDom.child(PmmlDom.root(pmml), "MiningModel");
        Element segmentation = PmmlDom.child(mining, "Segmentation");
        assertThat(segmentation.getAttribute("multipleModelMethod")).isEqualTo("average");
        List<Element> trees = PmmlDom.children(segmentation, "Segment").stream()
                .peek(segment -> assertThat(PmmlDom.children(segment, "True")).hasSize(1))
                .map(segment -> PmmlDom.child(segment, "TreeModel")).toList();
        assertThat(trees).hasSize(10);
        PmmlModel model = PmmlModel.load(pmml);

        List<double[]> rows = SeedTutorial.rows();
        Map<String, Integer> predicted = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            Map<String, Double> average = new LinkedHashMap<>();
            CLASSES.forEach(c -> average.put(c, 0.0));
            for (Element tree : trees) {
                TreeWalker.probabilities(TreeWalker.leaf(tree, name -> SeedTutorial.value(row, name)), CLASSES)
                        .forEach((c, p) -> average.merge(c, p / trees.size(), Double::sum));
            }
            Prediction prediction = model.score(SeedTutorial.features(row));
            check(prediction, average, 1e-12, "row " + i);
            predicted.merge(prediction.label(), 1, Integer::sum);
        }
        // unfixed, pmml4s predicts 8 for every row
        assertThat(predicted.keySet()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(predicted.getOrDefault("8", 0)).isLessThan(rows.size() / 10);
    }

    @Test
    void multilayerPerceptronMatchesAForwardPassOfItsWeights() throws Exception {
        byte[] pmml = SeedTutorial.file("winequalityMultilayerPerceptron.pmml");
        NeuralNetworkEvaluator network = new NeuralNetworkEvaluator(PmmlDom.child(PmmlDom.root(pmml), "NeuralNetwork"));
        PmmlModel model = PmmlModel.load(pmml);
        assertThat(model.classes()).isEqualTo(CLASSES);
        for (double[] row : SeedTutorial.rows()) {
            Map<String, Double> expected = network.probabilities(name -> SeedTutorial.value(row, name));
            Prediction prediction = model.score(SeedTutorial.features(row));
            assertThat(prediction.probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, within(1e-9));
            check(prediction, expected, 1e-9, "row");
        }
    }

    /** Probabilities equal, label is a most probable class, value is the label as a number. */
    private static void check(Prediction prediction, Map<String, Double> expected, double tolerance, String what) {
        assertThat(prediction.probabilities().keySet()).as(what).containsExactlyElementsOf(CLASSES);
        expected.forEach((c, p) -> assertThat(prediction.probabilities().get(c)).as("%s class %s", what, c)
                .isCloseTo(p, within(tolerance)));
        double best = Collections.max(expected.values());
        assertThat(expected.get(prediction.label())).as("%s predicted %s", what, prediction.label())
                .isCloseTo(best, within(tolerance));
        assertThat(prediction.value()).isEqualTo(Double.parseDouble(prediction.label()));
    }
}
