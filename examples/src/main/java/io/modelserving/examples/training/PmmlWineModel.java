package io.modelserving.examples.training;

import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import java.util.List;
import java.util.Locale;

/**
 * Fits wine quality by ordinary least squares and writes the fit as a PMML {@code RegressionModel}: the
 * demo's second model, in a second format.
 *
 * <pre>{@code
 * PmmlWineModel model = PmmlWineModel.fit(rows);
 * String pmml = model.toPmml();             // publish with model type "pmml"
 * }</pre>
 */
public final class PmmlWineModel {

    private final double intercept;
    private final double[] coefficients;

    private PmmlWineModel(double intercept, double[] coefficients) {
        this.intercept = intercept;
        this.coefficients = coefficients;
    }

    public static PmmlWineModel fit(List<WineCsv.Row> rows) {
        int k = Wine.FEATURES.size() + 1;
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        for (WineCsv.Row row : rows) {
            double[] x = withIntercept(row.features());
            for (int i = 0; i < k; i++) {
                xty[i] += x[i] * row.quality();
                for (int j = 0; j < k; j++) {
                    xtx[i][j] += x[i] * x[j];
                }
            }
        }
        double[] beta = solve(xtx, xty);
        double[] coefficients = new double[k - 1];
        System.arraycopy(beta, 1, coefficients, 0, k - 1);
        return new PmmlWineModel(beta[0], coefficients);
    }

    public double predict(double[] features) {
        double sum = intercept;
        for (int i = 0; i < coefficients.length; i++) {
            sum += coefficients[i] * features[i];
        }
        return sum;
    }

    public String toPmml() {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<PMML xmlns=\"http://www.dmg.org/PMML-4_3\" version=\"4.3\">\n")
                .append("  <Header description=\"wine quality, ordinary least squares\"/>\n")
                .append("  <DataDictionary numberOfFields=\"").append(Wine.FEATURES.size() + 1).append("\">\n");
        for (String name : Wine.FEATURES) {
            xml.append("    <DataField name=\"").append(name).append("\" optype=\"continuous\" dataType=\"double\"/>\n");
        }
        xml.append("    <DataField name=\"quality\" optype=\"continuous\" dataType=\"double\"/>\n")
                .append("  </DataDictionary>\n")
                .append("  <RegressionModel functionName=\"regression\" modelName=\"wine-ols\">\n")
                .append("    <MiningSchema>\n");
        for (String name : Wine.FEATURES) {
            xml.append("      <MiningField name=\"").append(name).append("\"/>\n");
        }
        xml.append("      <MiningField name=\"quality\" usageType=\"target\"/>\n")
                .append("    </MiningSchema>\n")
                .append("    <RegressionTable intercept=\"").append(number(intercept)).append("\">\n");
        for (int i = 0; i < coefficients.length; i++) {
            xml.append("      <NumericPredictor name=\"").append(Wine.FEATURES.get(i))
                    .append("\" coefficient=\"").append(number(coefficients[i])).append("\"/>\n");
        }
        return xml.append("    </RegressionTable>\n  </RegressionModel>\n</PMML>\n").toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.17g", value);
    }

    private static double[] withIntercept(double[] features) {
        double[] x = new double[features.length + 1];
        x[0] = 1;
        System.arraycopy(features, 0, x, 1, features.length);
        return x;
    }

    /** Gaussian elimination with partial pivoting; the normal equations here are small and well posed. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] rowSwap = a[col];
            a[col] = a[pivot];
            a[pivot] = rowSwap;
            double bSwap = b[col];
            b[col] = b[pivot];
            b[pivot] = bSwap;
            for (int row = col + 1; row < n; row++) {
                double factor = a[row][col] / a[col][col];
                b[row] -= factor * b[col];
                for (int j = col; j < n; j++) {
                    a[row][j] -= factor * a[col][j];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int j = row + 1; j < n; j++) {
                sum -= a[row][j] * x[j];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }
}
