package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.benchmarks.endtoend.ChartData.Header;
import io.modelserving.benchmarks.endtoend.ChartData.Panel;
import io.modelserving.benchmarks.endtoend.PipelineKind.Role;
import io.modelserving.benchmarks.endtoend.ChartData.Series;
import io.modelserving.benchmarks.endtoend.ChartData.SwapGroup;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartTest {

    private static final Header HEADER = new Header("End-to-end benchmark", "2 cores, 24 GiB, Linux 6.1, OpenJDK 17",
            "java -cp target/benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark --rounds 20",
            LocalDate.of(2026, 12, 1));

    @Test
    void headerSaysMachineCommandAndDate() throws Exception {
        Document doc = parse(Chart.svg(new ChartData(HEADER, List.of(), List.of())));

        assertThat(texts(doc)).contains("End-to-end benchmark", "machine: 2 cores, 24 GiB, Linux 6.1, OpenJDK 17",
                "command: java -cp target/benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark "
                        + "--rounds 20", "run on 2026-12-01");
        assertThat(doc.getDocumentElement().getAttribute("viewBox")).startsWith("0 0 1000 ");
    }

    @Test
    void aLongCommandWrapsWithoutLosingAWord() throws Exception {
        String command = String.join(" ", Collections.nCopies(40, "--option value"));
        Header header = new Header("t", "m", command, LocalDate.of(2026, 1, 2));

        List<String> lines = texts(parse(Chart.svg(new ChartData(header, List.of(), List.of())))).stream()
                .filter(text -> text.startsWith("command: ") || text.startsWith("--option") || text.startsWith("value"))
                .toList();

        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(String.join(" ", lines)).isEqualTo("command: " + command);
    }

    @Test
    void oneLinePerSeriesInEachPanelWithBaselinesDashed() throws Exception {
        Series copy = new Series("copy", Role.COPY, Map.of(1, 50_000.0, 2, 90_000.0, 4, 120_000.0));
        Series adapter = new Series("adapter", Role.ADAPTER, Map.of(4, 20_000.0, 1, 8_000.0, 2, 14_000.0));
        Series handWritten = new Series("by hand", Role.SAME_WORK, Map.of(1, 9_000.0));
        List<Panel> panels = List.of(new Panel("wine", List.of(copy, adapter, handWritten)),
                new Panel("ffnn", List.of(adapter)), new Panel("none yet", List.of()));

        Document doc = parse(Chart.svg(new ChartData(HEADER, panels, List.of())));

        List<Element> panelGroups = byClass(doc, "g", "panel");
        assertThat(panelGroups).hasSize(3);
        assertThat(panelGroups.stream().map(g -> g.getElementsByTagNameNS(Svg.NAMESPACE, "polyline").getLength()))
                .containsExactly(3, 1, 0);
        List<Element> lines = elements(panelGroups.get(0), "polyline");
        assertThat(lines.get(0).getAttribute("stroke-dasharray")).isNotEqualTo("none");
        assertThat(lines.get(1).getAttribute("stroke-dasharray")).isEqualTo("none");
        assertThat(lines.get(2).getAttribute("stroke-dasharray")).isNotEqualTo("none");
        assertThat(lines.get(1).getAttribute("stroke")).isEqualTo(elements(panelGroups.get(1), "polyline").get(0)
                .getAttribute("stroke")).isNotEqualTo(lines.get(0).getAttribute("stroke"));
        // partitions left to right, more records per second higher up (smaller y)
        double[][] adapterPoints = points(lines.get(1));
        assertThat(adapterPoints[0][0]).isLessThan(adapterPoints[1][0]).isLessThan(adapterPoints[2][0]);
        assertThat(adapterPoints[0][1]).isGreaterThan(adapterPoints[1][1]).isGreaterThan(adapterPoints[2][1]);
        assertThat(texts(panelGroups.get(0))).contains("0", "25k", "125k", "1", "2", "4");
    }

    @Test
    void ticksAreRoundNumbersFromZeroPastTheMaximum() {
        assertThat(ThroughputChart.ticks(23_500).stream().map(ThroughputChart::label))
                .containsExactly("0", "5k", "10k", "15k", "20k", "25k");
        assertThat(ThroughputChart.ticks(1_800).stream().map(ThroughputChart::label))
                .containsExactly("0", "500", "1k", "1.5k", "2k");
        assertThat(ThroughputChart.ticks(2_400_000).stream().map(ThroughputChart::label))
                .containsExactly("0", "500k", "1M", "1.5M", "2M", "2.5M");
        assertThat(ThroughputChart.ticks(0)).first().isEqualTo(0.0);
    }

    @Test
    void everySwapIsADotAndItsPercentilesAreStated() throws Exception {
        Random random = new Random(7);
        List<Long> slow = IntStream.range(0, 20).mapToObj(i -> 100L + random.nextInt(3_000)).toList();
        List<Long> fast = List.of(31L, 28L, 45L, 0L, 29L);
        List<SwapGroup> groups = List.of(new SwapGroup("akka-streams, large model", slow, 500),
                new SwapGroup("kafka-streams, small model", fast), new SwapGroup("pekko-streams, no swap", List.of()));

        Document doc = parse(Chart.svg(new ChartData(HEADER, List.of(), groups)));

        List<Element> strips = byClass(doc, "g", "swap-group");
        assertThat(strips).hasSize(3);
        assertThat(strips.stream().map(g -> byClass(g, "circle", "sample").size())).containsExactly(20, 5, 0);
        assertThat(texts(strips.get(0))).anySatisfy(text -> assertThat(text).contains(
                "p50 " + nearestRank(slow, 0.50) + " ms", "p99 " + nearestRank(slow, 0.99) + " ms",
                "max " + Collections.max(slow) + " ms", "(n=20)", "target 500 ms"));
        assertThat(texts(strips.get(1))).anySatisfy(text -> assertThat(text).contains("p50 29 ms", "p99 45 ms",
                "(n=5)"));
        assertThat(byClass(strips.get(0), "line", "target")).hasSize(1);
        assertThat(byClass(strips.get(1), "line", "target")).isEmpty();
        // the p50 tick sits on the dot of the median sample
        String medianX = byClass(strips.get(1), "line", "p50").get(0).getAttribute("x1");
        assertThat(byClass(strips.get(1), "circle", "sample").get(fast.indexOf(29L)).getAttribute("cx"))
                .isEqualTo(medianX);
        // the axis reaches the decade above the slowest swap
        assertThat(texts(doc)).contains("1 ms", "1 s", "10 s").doesNotContain("100 s");
    }

    @Test
    void theSwapAxisGoesToAtLeastOneSecond() throws Exception {
        Document doc = parse(Chart.svg(new ChartData(HEADER, List.of(), List.of(new SwapGroup("g", List.of(3L))))));

        assertThat(texts(doc)).contains("1 ms", "10 ms", "100 ms", "1 s").doesNotContain("10 s");
    }

    @Test
    void specialCharactersInLabelsAreEscaped() throws Exception {
        String label = "a<b & c \"d\" 'e'";
        Header header = new Header(label, label, label, LocalDate.of(2026, 12, 1));
        ChartData data = new ChartData(header,
                List.of(new Panel(label, List.of(new Series(label, Role.ADAPTER, Map.of(1, 1.0))))),
                List.of(new SwapGroup(label, List.of(5L))));

        String svg = Chart.svg(data);
        Document doc = parse(svg);

        assertThat(svg).contains("a&lt;b &amp; c").doesNotContain("a<b");
        assertThat(texts(doc)).filteredOn(label::equals).hasSize(4);
        assertThat(doc.getElementsByTagNameNS(Svg.NAMESPACE, "title").item(0).getTextContent()).isEqualTo(label);
    }

    @Test
    void nothingToDrawIsStillADocument() throws Exception {
        Document doc = parse(Chart.svg(new ChartData(HEADER, List.of(), List.of())));

        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(byClass(doc, "g", "panel")).isEmpty();
        assertThat(byClass(doc, "g", "swap-group")).isEmpty();
    }

    @Test
    void writeCreatesTheDirectories(@TempDir Path dir) throws Exception {
        ChartData data = new ChartData(HEADER, List.of(), List.of(new SwapGroup("é ·", List.of(1L))));
        Path file = dir.resolve("docs/images/benchmarks.svg");

        Chart.write(data, file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(Chart.svg(data));
    }

    @Test
    void badValuesAreRejectedByName() {
        assertThatThrownBy(() -> new Series("p", Role.COPY, Map.of(2, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Series("p", Role.COPY, Map.of(0, 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1: 0");
        assertThatThrownBy(() -> new SwapGroup("g", List.of(3L, -1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    private static long nearestRank(List<Long> samples, double fraction) {
        List<Long> sorted = samples.stream().sorted().toList();
        return sorted.get((int) Math.ceil(fraction * sorted.size()) - 1);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc) {
        return texts(doc.getDocumentElement());
    }

    private static List<String> texts(Element root) {
        return elements(root, "text").stream().map(Element::getTextContent).toList();
    }

    private static List<Element> byClass(Document doc, String tag, String cssClass) {
        return byClass(doc.getDocumentElement(), tag, cssClass);
    }

    private static List<Element> byClass(Element root, String tag, String cssClass) {
        return elements(root, tag).stream().filter(e -> cssClass.equals(e.getAttribute("class"))).toList();
    }

    private static List<Element> elements(Element root, String tag) {
        NodeList nodes = root.getElementsByTagNameNS(Svg.NAMESPACE, tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static double[][] points(Element polyline) {
        return Arrays.stream(polyline.getAttribute("points").split(" "))
                .map(point -> Arrays.stream(point.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }
}
