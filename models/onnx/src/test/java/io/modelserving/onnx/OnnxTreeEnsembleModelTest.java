package io.modelserving.onnx;

import static io.modelserving.onnx.OnnxGraphs.FLOAT;
import static io.modelserving.onnx.OnnxGraphs.floatsAttr;
import static io.modelserving.onnx.OnnxGraphs.intAttr;
import static io.modelserving.onnx.OnnxGraphs.intsAttr;
import static io.modelserving.onnx.OnnxGraphs.node;
import static io.modelserving.onnx.OnnxGraphs.stringAttr;
import static io.modelserving.onnx.OnnxGraphs.stringsAttr;
import static io.modelserving.onnx.OnnxGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.Prediction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An ai.onnx.ml TreeEnsembleRegressor of two trees; expected values come from walking the trees here. */
class OnnxTreeEnsembleModelTest {

    /** A tree node: a split "x[feature] <= threshold ? yes : no", or a leaf (feature -1) with a value. */
    private record TreeNode(int feature, float threshold, int yes, int no, float leaf) {
        static TreeNode split(int feature, float threshold, int yes, int no) {
            return new TreeNode(feature, threshold, yes, no, 0);
        }

        static TreeNode leaf(float value) {
            return new TreeNode(-1, 0, 0, 0, value);
        }
    }

    private static final List<List<TreeNode>> TREES = List.of(
            List.of(TreeNode.split(0, 0.5f, 1, 2), TreeNode.split(1, 1.0f, 3, 4), TreeNode.leaf(3.25f),
                    TreeNode.leaf(1.5f), TreeNode.leaf(-2.0f)),
            List.of(TreeNode.split(2, -0.25f, 1, 2), TreeNode.leaf(0.5f), TreeNode.split(0, 2.0f, 3, 4),
                    TreeNode.leaf(-1.0f), TreeNode.leaf(4.0f)));
    private static final float BASE = 0.125f;

    private static byte[] ensemble() {
        List<Long> treeIds = new ArrayList<>();
        List<Long> nodeIds = new ArrayList<>();
        List<Long> features = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<Long> yes = new ArrayList<>();
        List<Long> no = new ArrayList<>();
        List<Long> targetTree = new ArrayList<>();
        List<Long> targetNode = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (int t = 0; t < TREES.size(); t++) {
            List<TreeNode> tree = TREES.get(t);
            for (int n = 0; n < tree.size(); n++) {
                TreeNode node = tree.get(n);
                treeIds.add((long) t);
                nodeIds.add((long) n);
                boolean leaf = node.feature() < 0;
                features.add(leaf ? 0L : node.feature());
                values.add(node.threshold());
                modes.add(leaf ? "LEAF" : "BRANCH_LEQ");
                yes.add(leaf ? 0L : node.yes());
                no.add(leaf ? 0L : node.no());
                if (leaf) {
                    targetTree.add((long) t);
                    targetNode.add((long) n);
                    weights.add(node.leaf());
                }
            }
        }
        return OnnxGraphs.model(List.of(tensor("x", FLOAT, -1, 3)), List.of(tensor("y", FLOAT, -1, 1)), List.of(),
                node("TreeEnsembleRegressor", "ai.onnx.ml", List.of("x"), List.of("y"),
                        intsAttr("nodes_treeids", longs(treeIds)), intsAttr("nodes_nodeids", longs(nodeIds)),
                        intsAttr("nodes_featureids", longs(features)), floatsAttr("nodes_values", floats(values)),
                        stringsAttr("nodes_modes", modes.toArray(String[]::new)),
                        intsAttr("nodes_truenodeids", longs(yes)), intsAttr("nodes_falsenodeids", longs(no)),
                        intsAttr("target_treeids", longs(targetTree)), intsAttr("target_nodeids", longs(targetNode)),
                        intsAttr("target_ids", new long[targetTree.size()]), floatsAttr("target_weights", floats(weights)),
                        intAttr("n_targets", 1), stringAttr("aggregate_function", "SUM"),
                        floatsAttr("base_values", BASE)));
    }

    private static double walk(double[] x) {
        double sum = BASE;
        for (List<TreeNode> tree : TREES) {
            TreeNode node = tree.get(0);
            while (node.feature() >= 0) {
                node = tree.get((float) x[node.feature()] <= node.threshold() ? node.yes() : node.no());
            }
            sum += node.leaf();
        }
        return sum;
    }

    @Test
    void sumsTheLeavesEachTreeReaches() throws Exception {
        List<Features> rows = new ArrayList<>(OnnxLinearModelTest.randomRows(300, 3, 31));
        // exactly on the thresholds: "less or equal" must go left
        rows.add(Features.positional("t", 0.5, 1.0, -0.25));
        rows.add(Features.positional("t", 2.0, 7.0, 3.0));
        try (OnnxModel model = OnnxModel.load(ensemble())) {
            List<Prediction> batch = model.scoreBatch(rows);
            for (int i = 0; i < rows.size(); i++) {
                double expected = walk(rows.get(i).values());
                assertThat(model.score(rows.get(i)).value()).as("row %d", i).isCloseTo(expected, within(1e-6));
                assertThat(batch.get(i).value()).as("batch row %d", i).isCloseTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void everyLeafIsReachedByTheTestRows() {
        List<Features> rows = OnnxLinearModelTest.randomRows(300, 3, 31);
        assertThat(rows.stream().map(r -> walk(r.values())).distinct().count())
                .as("distinct sums: the rows exercise many leaf combinations").isGreaterThanOrEqualTo(5);
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
