package io.modelserving.pmml;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.ModelSignature;
import io.modelserving.ModelSignature.Field;
import io.modelserving.testkit.CarPrices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** What {@link PmmlModel#signature()} reports, checked against the documents read with the JDK's DOM. */
class PmmlSignatureTest {

    private static final Set<String> NOT_MODELS = Set.of("Header", "DataDictionary", "TransformationDictionary",
            "MiningBuildTask", "Extension");

    @Test
    void aRegressionTakesItsFieldsAndGivesItsTarget() {
        assertThat(PmmlModel.load(InlinePmml.regression()).signature()).contains(new ModelSignature(
                List.of(scalar("fixed acidity", "double"), scalar("pH", "double")),
                List.of(scalar("quality", "double"))));
    }

    @Test
    void aClassifierWithoutAnOutputElementGivesItsTargetAndAProbabilityPerClass() {
        assertThat(PmmlModel.load(InlinePmml.tree()).signature()).contains(new ModelSignature(
                List.of(scalar("residual sugar", "double")),
                List.of(scalar("style", "string"), scalar("probability_dry", "double"),
                        scalar("probability_medium", "double"), scalar("probability_sweet", "double"))));
    }

    @Test
    void aCategoricalInputIsAString() {
        assertThat(PmmlModel.load(CarPrices.pmml()).signature()).contains(new ModelSignature(
                List.of(scalar("engine size", "double"), scalar("fuel", "string")),
                List.of(scalar("price", "double"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"winequalityLinearRegression.pmml", "winequalityDesisionTreeRegression.pmml",
        "winequalityGeneralizedLinearRegressionGamma.pmml", "winequalityGeneralizedLinearRegressionGaussian.pmml",
        "winequalityDecisionTreeClassification.pmml", "winequalityMultilayerPerceptron.pmml",
        "winequalityRandonForrestClassification.pmml"})
    void eachTutorialModelAsItsDocumentDeclaresIt(String file) throws Exception {
        byte[] pmml = SeedTutorial.file(file);
        ModelSignature expected = declared(pmml);
        assertThat(PmmlModel.load(pmml).signature()).contains(expected);
        // and what the tutorial's notes say of every file: inputs among the eleven wine columns, target quality
        assertThat(expected.inputs()).extracting(Field::name).isSubsetOf(SeedTutorial.FEATURES);
        assertThat(expected.outputs().get(0).name()).isEqualTo("quality");
    }

    @Test
    void theLinearRegressionReadsSixOfTheElevenColumns() {
        ModelSignature signature = PmmlModel.load(SeedTutorial.file("winequalityLinearRegression.pmml"))
                .signature().orElseThrow();
        assertThat(signature.inputs()).extracting(Field::name).containsExactly("fixed acidity", "volatile acidity",
                "chlorides", "total sulfur dioxide", "sulphates", "alcohol");
        assertThat(signature.outputs()).containsExactly(scalar("quality", "double"));
    }

    /**
     * The document's own account: the active mining fields in the MiningSchema's order typed by the data
     * dictionary; the target; for a classification, one probability per class in the dictionary's order, named
     * by the document's probability OutputField for it, else as pmml4s names the outputs it derives.
     */
    private static ModelSignature declared(byte[] pmml) throws Exception {
        Element root = PmmlDom.root(pmml);
        Map<String, String> types = new HashMap<>();
        for (Element field : PmmlDom.children(PmmlDom.child(root, "DataDictionary"), "DataField")) {
            types.put(field.getAttribute("name"), field.getAttribute("dataType"));
        }
        Element model = topModel(root);
        List<Field> inputs = new ArrayList<>();
        String target = null;
        for (Element mining : PmmlDom.children(PmmlDom.child(model, "MiningSchema"), "MiningField")) {
            String name = mining.getAttribute("name");
            String usage = mining.getAttribute("usageType");
            if (usage.equals("target") || usage.equals("predicted")) {
                target = name;
            } else if (usage.isEmpty() || usage.equals("active")) {
                inputs.add(scalar(name, types.get(name)));
            }
        }
        List<Field> outputs = new ArrayList<>(List.of(scalar(target, types.get(target))));
        if (model.getAttribute("functionName").equals("classification")) {
            Map<String, Element> probabilities = new HashMap<>();
            for (Element output : PmmlDom.children(model, "Output")) {
                for (Element field : PmmlDom.children(output, "OutputField")) {
                    if (field.getAttribute("feature").equals("probability")) {
                        probabilities.put(field.getAttribute("value"), field);
                    }
                }
            }
            for (String value : PmmlDom.classes(root, target)) {
                Element field = probabilities.get(value);
                outputs.add(field == null ? scalar("probability_" + value, "double")
                        : scalar(field.getAttribute("name"), field.getAttribute("dataType")));
            }
        }
        return new ModelSignature(inputs, outputs);
    }

    private static Element topModel(Element root) {
        for (org.w3c.dom.Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && !NOT_MODELS.contains(element.getLocalName())) {
                return element;
            }
        }
        throw new IllegalArgumentException("no model element");
    }

    private static Field scalar(String name, String type) {
        return new Field(name, type, List.of());
    }
}
