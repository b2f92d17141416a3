package io.modelserving.pmml.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Completes the class distributions of classification trees before pmml4s reads them.
 *
 * <p>A tree node usually lists only the classes it saw in training. pmml4s 0.9.15 turns each missing class
 * into a NaN probability, and in an averaged forest it lines up the classes of different trees by position,
 * so a forest of such trees predicts the wrong class. Rewriting every node's {@code ScoreDistribution} list as
 * the full class set of the target field, in the data dictionary's order and with zero counts for the missing
 * classes, gives every tree the same class list and leaves the model's meaning unchanged.
 */
public final class ScoreDistributions {

    private ScoreDistributions() {
    }

    /** Rewrites the document in place; returns the number of nodes whose list changed. */
    public static int complete(Document document) {
        Map<String, List<String>> classesByField = categoricalFields(document);
        int changed = 0;
        for (Element tree : elements(document.getDocumentElement(), "TreeModel")) {
            if (!"classification".equals(tree.getAttribute("functionName"))) {
                continue;
            }
            List<String> classes = classesByField.get(targetOf(tree));
            if (classes == null || classes.isEmpty()) {
                continue;
            }
            for (Element node : elements(tree, "Node")) {
                if (completeNode(node, classes)) {
                    changed++;
                }
            }
        }
        return changed;
    }

    private static boolean completeNode(Element node, List<String> classes) {
        List<Element> distributions = children(node, "ScoreDistribution");
        if (distributions.isEmpty()) {
            return false;
        }
        List<String> present = new ArrayList<>();
        distributions.forEach(d -> present.add(d.getAttribute("value")));
        if (present.equals(classes)) {
            return false;
        }
        Element first = distributions.get(0);
        boolean withProbability = distributions.stream().anyMatch(d -> d.hasAttribute("probability"));
        boolean withConfidence = distributions.stream().anyMatch(d -> d.hasAttribute("confidence"));
        Map<String, Element> byValue = new LinkedHashMap<>();
        distributions.forEach(d -> byValue.put(d.getAttribute("value"), d));
        Node before = distributions.get(distributions.size() - 1).getNextSibling();
        distributions.forEach(node::removeChild);
        for (String value : classes) {
            Element distribution = byValue.remove(value);
            if (distribution == null) {
                distribution = node.getOwnerDocument().createElementNS(first.getNamespaceURI(), first.getTagName());
                distribution.setAttribute("value", value);
                distribution.setAttribute("recordCount", "0");
                if (withProbability) {
                    distribution.setAttribute("probability", "0");
                }
                if (withConfidence) {
                    distribution.setAttribute("confidence", "0");
                }
            }
            node.insertBefore(distribution, before);
        }
        // Values outside the declared classes are kept, after them, as they were.
        byValue.values().forEach(d -> node.insertBefore(d, before));
        return true;
    }

    /** The target field of a model element: its own MiningSchema's, or else that of the model it sits in. */
    private static String targetOf(Element model) {
        for (Node at = model; at instanceof Element element; at = at.getParentNode()) {
            for (Element schema : children(element, "MiningSchema")) {
                for (Element field : children(schema, "MiningField")) {
                    String usage = field.getAttribute("usageType");
                    if ("target".equals(usage) || "predicted".equals(usage)) {
                        return field.getAttribute("name");
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, List<String>> categoricalFields(Document document) {
        Map<String, List<String>> fields = new HashMap<>();
        for (Element dictionary : children(document.getDocumentElement(), "DataDictionary")) {
            for (Element field : children(dictionary, "DataField")) {
                List<String> values = new ArrayList<>();
                for (Element value : children(field, "Value")) {
                    String property = value.getAttribute("property");
                    if (property.isEmpty() || "valid".equals(property)) {
                        values.add(value.getAttribute("value"));
                    }
                }
                fields.put(field.getAttribute("name"), values);
            }
        }
        return fields;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                out.add(element);
            }
        }
        return out;
    }

    private static List<Element> elements(Element root, String localName) {
        NodeList list = root.getElementsByTagNameNS("*", localName);
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }
}
