package io.modelserving.pmml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ScoreDistributionsTest {

    private static final String PMML = """
            <PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
              <DataDictionary>
                <DataField name="x" optype="continuous" dataType="double"/>
                <DataField name="y" optype="categorical" dataType="string">
                  <Value value="b"/><Value value="a"/><Value value="c"/><Value value="?" property="missing"/>
                </DataField>
              </DataDictionary>
              <MiningModel functionName="classification">
                <MiningSchema><MiningField name="x"/><MiningField name="y" usageType="target"/></MiningSchema>
                <Segmentation multipleModelMethod="average">
                  <Segment><True/>
                    <TreeModel functionName="classification">
                      <MiningSchema><MiningField name="x"/></MiningSchema>
                      <Node recordCount="3"><True/>
                        <ScoreDistribution value="a" recordCount="2" probability="0.667"/>
                        <ScoreDistribution value="c" recordCount="1" probability="0.333"/>
                        <Node score="a"><SimplePredicate field="x" operator="lessOrEqual" value="1"/>
                          <ScoreDistribution value="b" recordCount="0"/>
                          <ScoreDistribution value="a" recordCount="2"/>
                          <ScoreDistribution value="c" recordCount="0"/>
                        </Node>
                      </Node>
                    </TreeModel>
                  </Segment>
                </Segmentation>
              </MiningModel>
            </PMML>
            """;

    @Test
    void listsEveryValidClassInDictionaryOrderWithZerosForTheMissingOnes() {
        Document document = SafeXml.parse(PMML.getBytes(StandardCharsets.UTF_8));
        assertThat(ScoreDistributions.complete(document)).as("only the root node needed a change").isEqualTo(1);
        Element root = (Element) document.getElementsByTagNameNS("*", "Node").item(0);
        List<Element> distributions = ScoreDistributions.children(root, "ScoreDistribution");
        assertThat(distributions).extracting(d -> d.getAttribute("value")).containsExactly("b", "a", "c");
        assertThat(distributions).extracting(d -> d.getAttribute("recordCount")).containsExactly("0", "2", "1");
        assertThat(distributions).extracting(d -> d.getAttribute("probability")).containsExactly("0", "0.667", "0.333");
        assertThat(distributions.get(0).getNamespaceURI()).isEqualTo("http://www.dmg.org/PMML-4_4");
        // the distributions stay before the child node, as the schema orders them
        List<String> order = new ArrayList<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                order.add(e.getLocalName());
            }
        }
        assertThat(order).containsExactly("True", "ScoreDistribution", "ScoreDistribution", "ScoreDistribution", "Node");
    }

    @Test
    void leavesRegressionTreesAlone() {
        String regression = PMML.replace("functionName=\"classification\"", "functionName=\"regression\"");
        Document document = SafeXml.parse(regression.getBytes(StandardCharsets.UTF_8));
        assertThat(ScoreDistributions.complete(document)).isZero();
    }
}
