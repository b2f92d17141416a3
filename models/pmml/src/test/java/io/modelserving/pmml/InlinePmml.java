package io.modelserving.pmml;

import java.nio.charset.StandardCharsets;

/** Small PMML documents written out in the tests. */
final class InlinePmml {

    private InlinePmml() {
    }

    /**
     * A tree classifying wine "style" as light or full: the first child whose predicate holds decides, in order
     * colour = "red" (counts light 1, full 3), alcohol > 13 (full 2), anything else (light 4). The categorical
     * "colour" is red, white or rose.
     */
    static byte[] wineStyle() {
        return ("""
                <PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
                  <Header/>
                  <DataDictionary>
                    <DataField name="colour" optype="categorical" dataType="string">
                      <Value value="red"/><Value value="white"/><Value value="rose"/>
                    </DataField>
                    <DataField name="alcohol" optype="continuous" dataType="double"/>
                    <DataField name="style" optype="categorical" dataType="string">
                      <Value value="light"/><Value value="full"/>
                    </DataField>
                  </DataDictionary>
                  <TreeModel functionName="classification" splitCharacteristic="multiSplit">
                    <MiningSchema>
                      <MiningField name="colour"/>
                      <MiningField name="alcohol"/>
                      <MiningField name="style" usageType="target"/>
                    </MiningSchema>
                    <Node score="light" recordCount="10">
                      <True/>
                      <ScoreDistribution value="light" recordCount="5"/>
                      <ScoreDistribution value="full" recordCount="5"/>
                      <Node score="full" recordCount="4">
                        <SimplePredicate field="colour" operator="equal" value="red"/>
                        <ScoreDistribution value="light" recordCount="1"/>
                        <ScoreDistribution value="full" recordCount="3"/>
                      </Node>
                      <Node score="full" recordCount="2">
                        <SimplePredicate field="alcohol" operator="greaterThan" value="13"/>
                        <ScoreDistribution value="full" recordCount="2"/>
                      </Node>
                      <Node score="light" recordCount="4">
                        <True/>
                        <ScoreDistribution value="light" recordCount="4"/>
                      </Node>
                    </Node>
                  </TreeModel>
                </PMML>
                """).getBytes(StandardCharsets.UTF_8);
    }

    /** quality = 1.5 + 2 * "fixed acidity" - 0.5 * "pH" */
    static byte[] regression() {
        return ("""
                <PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
                  <Header/>
                  <DataDictionary>
                    <DataField name="fixed acidity" optype="continuous" dataType="double"/>
                    <DataField name="pH" optype="continuous" dataType="double"/>
                    <DataField name="quality" optype="continuous" dataType="double"/>
                  </DataDictionary>
                  <RegressionModel functionName="regression">
                    <MiningSchema>
                      <MiningField name="fixed acidity"/>
                      <MiningField name="pH"/>
                      <MiningField name="quality" usageType="target"/>
                    </MiningSchema>
                    <RegressionTable intercept="1.5">
                      <NumericPredictor name="fixed acidity" coefficient="2"/>
                      <NumericPredictor name="pH" coefficient="-0.5"/>
                    </RegressionTable>
                  </RegressionModel>
                </PMML>
                """).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A tree over "residual sugar": <= 2 is "dry" (counts dry 6, sweet 2; "medium" unseen), else "sweet"
     * (counts sweet 3, medium 1; "dry" unseen). The leaves list only the classes they saw.
     */
    static byte[] tree() {
        return ("""
                <PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
                  <Header/>
                  <DataDictionary>
                    <DataField name="residual sugar" optype="continuous" dataType="double"/>
                    <DataField name="style" optype="categorical" dataType="string">
                      <Value value="dry"/><Value value="medium"/><Value value="sweet"/>
                    </DataField>
                  </DataDictionary>
                  <TreeModel functionName="classification" splitCharacteristic="binarySplit">
                    <MiningSchema>
                      <MiningField name="residual sugar"/>
                      <MiningField name="style" usageType="target"/>
                    </MiningSchema>
                    <Node score="dry" recordCount="12">
                      <True/>
                      <ScoreDistribution value="dry" recordCount="6"/>
                      <ScoreDistribution value="sweet" recordCount="5"/>
                      <ScoreDistribution value="medium" recordCount="1"/>
                      <Node score="dry" recordCount="8">
                        <SimplePredicate field="residual sugar" operator="lessOrEqual" value="2"/>
                        <ScoreDistribution value="dry" recordCount="6"/>
                        <ScoreDistribution value="sweet" recordCount="2"/>
                      </Node>
                      <Node score="sweet" recordCount="4">
                        <SimplePredicate field="residual sugar" operator="greaterThan" value="2"/>
                        <ScoreDistribution value="sweet" recordCount="3"/>
                        <ScoreDistribution value="medium" recordCount="1"/>
                      </Node>
                    </Node>
                  </TreeModel>
                </PMML>
                """).getBytes(StandardCharsets.UTF_8);
    }
}
