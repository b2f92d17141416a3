package io.modelserving.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** PMML documents for the benchmarks, written as XML in code over the wine features. */
final class PmmlDocuments {

    static final List<String> CLASSES = List.of("5", "6", "7", "4", "8", "3");

    private PmmlDocuments() {
    }

    /** A RegressionModel: quality = intercept + sum of weights[i] * feature i. */
    static byte[] linearRegression(double[] weights, double intercept) {
        StringBuilder xml = header("continuous\" dataType=\"double\"/>");
        xml.append("<RegressionModel functionName=\"regression\">").append(miningSchema());
        xml.append("<RegressionTable intercept=\"").append(intercept).append("\">");
        for (int i = 0; i < weights.length; i++) {
            xml.append("<NumericPredictor name=\"").append(Records.WINE_FEATURES.get(i))
                    .append("\" coefficient=\"").append(weights[i]).append("\"/>");
        }
        xml.append("</RegressionTable></RegressionModel></PMML>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A binary classification tree of the given depth with random splits, whose leaves list only some of the
     * classes (as the tutorial's Spark-exported trees do), so loading goes through the distribution rewrite.
     */
    static byte[] classificationTree(int depth, long seed) {
        StringBuilder values = new StringBuilder("categorical\" dataType=\"string\">");
        CLASSES.forEach(c -> values.append("<Value value=\"").append(c).append("\"/>"));
        values.append("</DataField>");
        StringBuilder xml = header(values.toString());
        xml.append("<TreeModel functionName=\"classification\" splitCharacteristic=\"binarySplit\">")
                .append(miningSchema());
        xml.append("<Node score=\"5\"><True/>");
        node(xml, depth, new Random(seed));
        xml.append("</Node></TreeModel></PMML>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void node(StringBuilder xml, int depth, Random random) {
        if (depth == 0) {
            int always = random.nextInt(CLASSES.size());
            for (int i = 0; i < CLASSES.size(); i++) {
                String c = CLASSES.get(i);
                if (i == always || random.nextInt(3) > 0) {
                    xml.append("<ScoreDistribution value=\"").append(c).append("\" recordCount=\"")
                            .append(1 + random.nextInt(50)).append("\"/>");
                }
            }
            return;
        }
        String field = Records.WINE_FEATURES.get(random.nextInt(Records.WINE_FEATURES.size()));
        double threshold = Math.round((5 + 2 * random.nextGaussian()) * 100) / 100.0;
        for (String operator : List.of("lessOrEqual", "greaterThan")) {
            xml.append("<Node score=\"").append(CLASSES.get(random.nextInt(CLASSES.size()))).append("\">")
                    .append("<SimplePredicate field=\"").append(field).append("\" operator=\"").append(operator)
                    .append("\" value=\"").append(threshold).append("\"/>");
            node(xml, depth - 1, random);
            xml.append("</Node>");
        }
    }

    private static StringBuilder header(String targetType) {
        StringBuilder xml = new StringBuilder("<PMML xmlns=\"http://www.dmg.org/PMML-4_3\" version=\"4.3\"><Header/>");
        xml.append("<DataDictionary><DataField name=\"quality\" optype=\"").append(targetType);
        for (String feature : Records.WINE_FEATURES) {
            xml.append("<DataField name=\"").append(feature).append("\" optype=\"continuous\" dataType=\"double\"/>");
        }
        return xml.append("</DataDictionary>");
    }

    private static String miningSchema() {
        StringBuilder schema = new StringBuilder("<MiningSchema><MiningField name=\"quality\" usageType=\"target\"/>");
        Records.WINE_FEATURES.forEach(f -> schema.append("<MiningField name=\"").append(f).append("\"/>"));
        return schema.append("</MiningSchema>").toString();
    }
}
