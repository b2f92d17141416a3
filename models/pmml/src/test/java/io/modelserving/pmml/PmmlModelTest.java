package io.modelserving.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PmmlModelTest {

    @Test
    void aRegressionReadsItsFieldsByName() {
        PmmlModel model = PmmlModel.load(InlinePmml.regression());
        assertThat(model.inputNames()).containsExactlyInAnyOrder("fixed acidity", "pH");
        assertThat(model.targetName()).isEqualTo("quality");
        assertThat(model.classes()).isEmpty();
        Features record = Features.of("wine", List.of("pH", "alcohol", "fixed acidity"), 3.2, 9.4, 7.4);
        Prediction prediction = model.score(record);
        assertThat(prediction.value()).isCloseTo(1.5 + 2 * 7.4 - 0.5 * 3.2, within(1e-12));
        assertThat(prediction.label()).isEmpty();
        assertThat(prediction.probabilities()).isEmpty();
    }

    @Test
    void aTreeClassifierGivesZeroNotNaNForClassesALeafNeverSaw() {
        PmmlModel model = PmmlModel.load(InlinePmml.tree());
        assertThat(model.classes()).containsExactly("dry", "medium", "sweet");
        Prediction dry = model.score(Features.of("wine", List.of("residual sugar"), 1.5));
        assertThat(dry.label()).isEqualTo("dry");
        assertThat(dry.value()).as("a non-numeric class's value is its index").isEqualTo(0);
        assertThat(dry.probabilities()).containsExactly(entry("dry", 6 / 8.0), entry("medium", 0.0), entry("sweet", 2 / 8.0));
        Prediction sweet = model.score(Features.of("wine", List.of("residual sugar"), 2.5));
        assertThat(sweet.label()).isEqualTo("sweet");
        assertThat(sweet.value()).isEqualTo(2);
        assertThat(sweet.probabilities()).containsExactly(entry("dry", 0.0), entry("medium", 1 / 4.0), entry("sweet", 3 / 4.0));
    }

    @Test
    void aMissingFieldFailsNamingIt() {
        PmmlModel model = PmmlModel.load(InlinePmml.regression());
        assertThatThrownBy(() -> model.score(Features.of("wine", List.of("fixed_acidity", "pH"), 7.4, 3.2)))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("no feature 'fixed acidity'")
                .hasMessageContaining("[fixed_acidity, pH]");
        assertThatThrownBy(() -> model.score(Features.of("wine", List.of("alcohol"), 9.4)))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("no feature named [fixed acidity, pH]");
    }

    @Test
    void unnamedFeaturesAreRefused() {
        PmmlModel model = PmmlModel.load(InlinePmml.regression());
        assertThatThrownBy(() -> model.score(Features.positional("wine", 7.4, 3.2)))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("reads features by name").hasMessageContaining("2 unnamed values");
    }

    @Test
    void aMissingValueGivesAFailureNotNaN() {
        PmmlModel model = PmmlModel.load(InlinePmml.regression());
        assertThatThrownBy(() -> model.score(Features.of("wine", List.of("fixed acidity", "pH"), Double.NaN, 3.2)))
                .isInstanceOf(PmmlModelException.class).hasMessageContaining("no prediction");
    }

    @Test
    void corruptOrTruncatedXmlIsRejected() {
        byte[] pmml = InlinePmml.regression();
        assertThatThrownBy(() -> PmmlModel.load(Arrays.copyOf(pmml, pmml.length / 2)))
                .isInstanceOf(PmmlModelException.class).hasMessageContaining("Not a valid PMML document");
        assertThatThrownBy(() -> PmmlModel.load("not xml at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PmmlModelException.class).hasMessageContaining("Not a valid PMML document");
        assertThatThrownBy(() -> PmmlModel.load(new byte[0]))
                .isInstanceOf(PmmlModelException.class).hasMessageContaining("empty");
    }

    @Test
    void xmlThatIsNotPmmlIsRejected() {
        assertThatThrownBy(() -> PmmlModel.load("<model><weights/></model>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PmmlModelException.class).hasMessageContaining("root element is <model>");
        byte[] noModel = """
                <PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><Header/>
                  <DataDictionary><DataField name="x" optype="continuous" dataType="double"/></DataDictionary>
                </PMML>""".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PmmlModel.load(noModel)).isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("only regression and classification models are served");
    }

    @Test
    void aModelPmml4sCannotEvaluateIsRejected() {
        byte[] undefinedField = new String(InlinePmml.regression(), StandardCharsets.UTF_8)
                .replace("<NumericPredictor name=\"pH\"", "<NumericPredictor name=\"no such field\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PmmlModel.load(undefinedField)).isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("pmml4s cannot load this PMML model");
    }

    @Test
    void documentTypeDeclarationsAreRefusedSoEntitiesCannotReadFiles() {
        String pmml = new String(InlinePmml.regression(), StandardCharsets.UTF_8);
        byte[] withEntity = ("<?xml version=\"1.0\"?><!DOCTYPE PMML [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]>"
                + pmml.replace("<Header/>", "<Header description=\"&secret;\"/>")).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PmmlModel.load(withEntity)).isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("DOCTYPE");
    }
}
