package io.modelserving.examples.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PmmlWineModelTest {

    private static final double[] TRUE_COEFFICIENTS = {0.1, -1.2, 0.3, 0.01, -2, 0.002, -0.003, 5, -0.4, 0.8, 0.3};

    /** Rows whose quality is an exact linear function of the features: the fit must recover it. */
    private static List<WineCsv.Row> exactRows() {
        return new WineGenerator(3).rows(400).stream()
                .map(r -> new WineCsv.Row(r.features(), 1.5 + dot(TRUE_COEFFICIENTS, r.features())))
                .toList();
    }

    @Test
    void recoversAnExactLinearRelation() {
        List<WineCsv.Row> rows = exactRows();
        PmmlWineModel model = PmmlWineModel.fit(rows);

        for (WineCsv.Row row : rows) {
            assertThat(model.predict(row.features())).isCloseTo(row.quality(), within(1e-6));
        }
    }

    @Test
    void writtenPmmlCarriesTheFittedCoefficients() throws Exception {
        List<WineCsv.Row> rows = exactRows();
        PmmlWineModel model = PmmlWineModel.fit(rows);

        Element table = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(model.toPmml().getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("RegressionTable").item(0);
        double intercept = Double.parseDouble(table.getAttribute("intercept"));
        NodeList predictors = table.getElementsByTagName("NumericPredictor");
        double[] coefficients = new double[predictors.getLength()];
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] = Double.parseDouble(((Element) predictors.item(i)).getAttribute("coefficient"));
        }

        assertThat(intercept).isCloseTo(1.5, within(1e-6));
        assertThat(coefficients).containsExactly(TRUE_COEFFICIENTS, within(1e-6));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
