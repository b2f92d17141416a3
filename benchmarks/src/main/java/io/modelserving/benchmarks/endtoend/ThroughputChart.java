package io.modelserving.benchmarks.endtoend;

import io.modelserving.benchmarks.endtoend.ChartData.Panel;
import io.modelserving.benchmarks.endtoend.PipelineKind.Role;
import io.modelserving.benchmarks.endtoend.ChartData.Series;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Throughput as small multiples, two panels to a row. Each panel has its own scale, since on a fast model's scale a
 * slow model's lines would lie flat; one legend serves them all, since a pipeline keeps its colour in every panel.
 */
final class ThroughputChart {

    private static final double GAP = 40;
    private static final double PANEL_HEIGHT = 250;
    private static final double ROW_GAP = 20;
    private static final Map<Role, String[]> COLOURS = new EnumMap<>(Map.of(
            Role.COPY, new String[] {"#7f7f7f", "#b3b3b3", "#4d4d4d"},
            Role.SAME_WORK, new String[] {"#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22"},
            Role.ADAPTER, new String[] {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"}));

    private ThroughputChart() {
    }

    private record Style(String colour, String dash, double width) {
    }

    /** Draws the section from {@code top}; returns where it ends. */
    static double draw(Svg svg, List<Panel> panels, double left, double top, double width) {
        Map<String, Style> styles = styles(panels);
        double y = Chart.section(svg, "Throughput", "records per second by partition count; dotted grey: copies "
                + "(no scoring), dashed: the same work written by hand, solid: adapters", left, top);
        y = legend(svg, styles, left, y + 8, width);
        double panelWidth = (width - GAP) / 2;
        for (int i = 0; i < panels.size(); i++) {
            panel(svg, panels.get(i), styles, left + (i % 2) * (panelWidth + GAP),
                    y + (i / 2) * (PANEL_HEIGHT + ROW_GAP), panelWidth);
        }
        int rows = (panels.size() + 1) / 2;
        return y + rows * PANEL_HEIGHT + (rows - 1) * ROW_GAP;
    }

    /** One style per pipeline name, in order of first appearance; each role has its own colours. */
    private static Map<String, Style> styles(List<Panel> panels) {
        Map<String, Style> styles = new LinkedHashMap<>();
        Map<Role, Integer> used = new EnumMap<>(Role.class);
        for (Panel panel : panels) {
            for (Series series : panel.series()) {
                styles.computeIfAbsent(series.pipeline(), name -> {
                    String[] colours = COLOURS.get(series.role());
                    int n = used.merge(series.role(), 1, Integer::sum) - 1;
                    String colour = colours[n % colours.length];
                    return switch (series.role()) {
                        case COPY -> new Style(colour, "2 3", 1.5);
                        case SAME_WORK -> new Style(colour, "7 4", 1.75);
                        case ADAPTER -> new Style(colour, "none", 2.5);
                    };
                });
            }
        }
        return styles;
    }

    private static double legend(Svg svg, Map<String, Style> styles, double left, double top, double width) {
        double widest = styles.keySet().stream().mapToDouble(name -> name.length() * Svg.charWidth(12, false)).max()
                .orElse(0);
        double entryWidth = 36 + widest + 20;
        int columns = (int) Math.max(1, Math.min(styles.size(), Math.floor(width / entryWidth)));
        svg.open("g", "class", "legend");
        int i = 0;
        for (Map.Entry<String, Style> entry : styles.entrySet()) {
            double x = left + (i % columns) * (width / columns);
            double y = top + 12 + (i / columns) * 18;
            svg.open("g", stroke(entry.getValue()));
            svg.element("line", "x1", x, "y1", y - 4, "x2", x + 28, "y2", y - 4);
            svg.close("g");
            svg.text(x + 36, y, entry.getKey());
            i++;
        }
        svg.close("g");
        int rows = (styles.size() + columns - 1) / columns;
        return top + rows * 18 + 12;
    }

    /** A panel's plotting area, and where a rate falls in it. */
    private record Plot(double x0, double x1, double y0, double y1, double scaleTop) {

        double y(double rate) {
            return y1 - rate / scaleTop * (y1 - y0);
        }
    }

    private static void panel(Svg svg, Panel panel, Map<String, Style> styles, double left, double top,
                              double width) {
        svg.open("g", "class", "panel");
        svg.text(left, top + 14, panel.title(), "font-size", 13, "font-weight", "bold");
        double max = panel.series().stream().flatMap(s -> s.recordsPerSecond().values().stream())
                .mapToDouble(Double::doubleValue).max().orElse(0);
        List<Double> ticks = ticks(max);
        Plot plot = new Plot(left + 56, left + width - 12, top + 30, top + PANEL_HEIGHT - 40,
                ticks.get(ticks.size() - 1));
        yAxis(svg, plot, ticks, left);
        Map<Integer, Double> xs = xAxis(svg, plot, panel);
        for (Series series : panel.series()) {
            Style style = styles.get(series.pipeline());
            StringBuilder points = new StringBuilder();
            series.recordsPerSecond().forEach((p, rate) -> points.append(points.length() == 0 ? "" : " ")
                    .append(Svg.number(xs.get(p))).append(',').append(Svg.number(plot.y(rate))));
            svg.open("g", "class", "series");
            svg.element("polyline", "points", points, "fill", "none", "stroke", style.colour(), "stroke-width",
                    style.width(), "stroke-dasharray", style.dash());
            series.recordsPerSecond().forEach((p, rate) -> svg.element("circle", "class", "point", "cx", xs.get(p),
                    "cy", plot.y(rate), "r", 2.5, "fill", style.colour()));
            svg.close("g");
        }
        svg.close("g");
    }

    private static void yAxis(Svg svg, Plot plot, List<Double> ticks, double left) {
        for (double tick : ticks) {
            double y = plot.y(tick);
            svg.element("line", "x1", plot.x0(), "y1", y, "x2", plot.x1(), "y2", y, "stroke", "#e6e6e6");
            svg.text(plot.x0() - 6, y + 4, label(tick), "font-size", 11, "text-anchor", "end");
        }
        double middle = (plot.y0() + plot.y1()) / 2;
        svg.text(left + 10, middle, "records/s", "font-size", 11, "text-anchor", "middle", "fill", "#555",
                "transform", "rotate(-90 " + Svg.number(left + 10) + " " + Svg.number(middle) + ")");
        svg.element("line", "x1", plot.x0(), "y1", plot.y0(), "x2", plot.x0(), "y2", plot.y1(), "stroke", "#444");
    }

    /** One evenly spaced column per partition count measured in the panel; returns each one's x. */
    private static Map<Integer, Double> xAxis(Svg svg, Plot plot, Panel panel) {
        List<Integer> partitions = new ArrayList<>(new TreeSet<>(panel.series().stream()
                .flatMap(s -> s.recordsPerSecond().keySet().stream()).toList()));
        double inset = 24;
        double step = partitions.size() < 2 ? 0 : (plot.x1() - plot.x0() - 2 * inset) / (partitions.size() - 1);
        Map<Integer, Double> xs = new LinkedHashMap<>();
        for (int i = 0; i < partitions.size(); i++) {
            double x = partitions.size() < 2 ? (plot.x0() + plot.x1()) / 2 : plot.x0() + inset + i * step;
            xs.put(partitions.get(i), x);
            svg.element("line", "x1", x, "y1", plot.y1(), "x2", x, "y2", plot.y1() + 4, "stroke", "#444");
            svg.text(x, plot.y1() + 17, String.valueOf(partitions.get(i)), "font-size", 11, "text-anchor", "middle");
        }
        svg.text((plot.x0() + plot.x1()) / 2, plot.y1() + 33, "partitions", "font-size", 11, "text-anchor", "middle",
                "fill", "#555");
        svg.element("line", "x1", plot.x0(), "y1", plot.y1(), "x2", plot.x1(), "y2", plot.y1(), "stroke", "#444");
        return xs;
    }

    private static Object[] stroke(Style style) {
        return new Object[] {"stroke", style.colour(), "stroke-width", style.width(), "stroke-dasharray", style.dash()};
    }

    /** Round steps (1, 2, 2.5 or 5 times a power of ten) from 0 to the first at or above {@code max}. */
    static List<Double> ticks(double max) {
        double top = max > 0 ? max : 1;
        double raw = top / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / magnitude;
        double step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * magnitude;
        int count = (int) Math.ceil(top / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** 0, 500, 1.5k, 20k, 1.2M. */
    static String label(double value) {
        if (value >= 1e6) {
            return decimals(value / 1e6) + "M";
        }
        return value >= 1e3 ? decimals(value / 1e3) + "k" : decimals(value);
    }

    private static String decimals(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
