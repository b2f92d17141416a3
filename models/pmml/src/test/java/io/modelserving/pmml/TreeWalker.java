package io.modelserving.pmml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.w3c.dom.Element;

/**
 * An independent evaluation of a PMML TreeModel, written for the tests: from the root, step into the first
 * child whose predicate holds until a leaf is reached.
 */
final class TreeWalker {

    private TreeWalker() {
    }

    static Element leaf(Element treeModel, ToDoubleFunction<String> field) {
        Element node = PmmlDom.child(treeModel, "Node");
        if (!holds(node, field)) {
            throw new IllegalStateException("root predicate does not hold");
        }
        while (true) {
            Element next = null;
            for (Element child : PmmlDom.children(node, "Node")) {
                if (holds(child, field)) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                if (!PmmlDom.children(node, "Node").isEmpty()) {
                    throw new IllegalStateException("no child predicate holds");
                }
                return node;
            }
            node = next;
        }
    }

    /** The leaf's class probabilities over {@code classes}: record counts over the node's count, 0 when absent. */
    static Map<String, Double> probabilities(Element leaf, List<String> classes) {
        Map<String, Double> counts = new LinkedHashMap<>();
        classes.forEach(c -> counts.put(c, 0.0));
        double total = 0;
        for (Element distribution : PmmlDom.children(leaf, "ScoreDistribution")) {
            double count = Double.parseDouble(distribution.getAttribute("recordCount"));
            counts.put(distribution.getAttribute("value"), count);
            total += count;
        }
        if (leaf.hasAttribute("recordCount")) {
            total = Double.parseDouble(leaf.getAttribute("recordCount"));
        }
        double sum = total;
        counts.replaceAll((c, count) -> count / sum);
        return counts;
    }

    private static boolean holds(Element node, ToDoubleFunction<String> field) {
        if (!PmmlDom.children(node, "True").isEmpty()) {
            return true;
        }
        if (!PmmlDom.children(node, "False").isEmpty()) {
            return false;
        }
        Element predicate = PmmlDom.child(node, "SimplePredicate");
        double x = field.applyAsDouble(predicate.getAttribute("field"));
        double value = Double.parseDouble(predicate.getAttribute("value"));
        return switch (predicate.getAttribute("operator")) {
            case "lessOrEqual" -> x <= value;
            case "lessThan" -> x < value;
            case "greaterThan" -> x > value;
            case "greaterOrEqual" -> x >= value;
            case "equal" -> x == value;
            case "notEqual" -> x != value;
            default -> throw new IllegalArgumentException("operator " + predicate.getAttribute("operator"));
        };
    }
}
