package io.modelserving.pmml;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads PMML with the JDK's DOM, for the tests' own independent evaluations. */
final class PmmlDom {

    private PmmlDom() {
    }

    static Element root(byte[] pmml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(pmml)).getDocumentElement();
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

    static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        if (found.size() != 1) {
            throw new IllegalArgumentException(parent.getLocalName() + " has " + found.size() + " <" + localName + ">");
        }
        return found.get(0);
    }

    /** The values of the categorical DataField {@code name}, in the data dictionary's order. */
    static List<String> classes(Element root, String name) {
        for (Element field : children(child(root, "DataDictionary"), "DataField")) {
            if (field.getAttribute("name").equals(name)) {
                return children(field, "Value").stream().map(v -> v.getAttribute("value")).toList();
            }
        }
        throw new IllegalArgumentException("no DataField " + name);
    }
}
