package io.modelserving.benchmarks.endtoend;

import io.modelserving.benchmarks.endtoend.ChartData.SwapGroup;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * Every swap as a dot, one strip per group, all on one log-scale axis. Dots rather than a box plot: a run has 5 to 20
 * swaps, too few for quartiles to mean much, and the outlier is what a reader needs to see. A log scale because a
 * 30 ms swap and a 3 s one must both be readable on the same axis.
 */
final class SwapChart {

    private static final double ROW_HEIGHT = 52;
    private static final double WRAPPED_ROW_HEIGHT = 68;
    private static final String DOT = "#1f77b4";
    private static final String TARGET = "#d62728";

    private SwapChart() {
    }

    /** Draws the section from {@code top}; returns where it ends. */
    static double draw(Svg svg, List<SwapGroup> groups, double left, double top, double width) {
        double y = Chart.section(svg, "Model swap latency", "every swap, milliseconds on a log scale", left, top);
        y = key(svg, left, y + 8);
        double x0 = left + 10;
        double x1 = left + width - 10;
        long max = groups.stream().flatMapToLong(g -> LongStream.concat(g.millis().stream().mapToLong(Long::longValue),
                g.targetMillis().stream())).max().orElse(1);
        int decades = (int) Math.max(3, Math.ceil(Math.log10(Math.max(1, max))));
        Axis axis = new Axis(x0, x1, decades);

        for (SwapGroup group : groups) {
            y = row(svg, group, axis, y, width);
        }
        for (int d = 0; d <= decades; d++) {
            double x = axis.x(Math.pow(10, d));
            svg.element("line", "x1", x, "y1", y + 4, "x2", x, "y2", y + 10, "stroke", "#444");
            svg.text(x, y + 23, millis((long) Math.pow(10, d)), "font-size", 11, "text-anchor",
                    d == 0 ? "start" : d == decades ? "end" : "middle");
            for (int minor : d < decades ? new int[] {2, 5} : new int[0]) {
                double xm = axis.x(minor * Math.pow(10, d));
                svg.element("line", "x1", xm, "y1", y + 4, "x2", xm, "y2", y + 8, "stroke", "#888");
            }
        }
        svg.element("line", "x1", x0, "y1", y + 4, "x2", x1, "y2", y + 4, "stroke", "#444");
        return y + 28;
    }

    /** Where 1 ms to 10^decades ms fall between x0 and x1; below 1 ms counts as 1 ms. */
    private record Axis(double x0, double x1, int decades) {

        double x(double millis) {
            return x0 + Math.log10(Math.max(1, millis)) / decades * (x1 - x0);
        }
    }

    private static double row(Svg svg, SwapGroup group, Axis axis, double top, double width) {
        String stats = stats(group);
        boolean wrapped = (group.label().length() + stats.length()) * Svg.charWidth(12, false) + 24 > width;
        double mid = top + (wrapped ? 50 : 34);
        svg.open("g", "class", "swap-group");
        svg.text(axis.x0(), top + 14, group.label(), "font-weight", "bold");
        if (wrapped) {
            svg.text(axis.x0(), top + 30, stats, "fill", "#333");
        } else {
            svg.text(axis.x1(), top + 14, stats, "fill", "#333", "text-anchor", "end");
        }
        svg.element("rect", "x", axis.x0(), "y", mid - 10, "width", axis.x1() - axis.x0(), "height", 20,
                "fill", "#f5f5f5");
        for (int d = 1; d < axis.decades(); d++) {
            double x = axis.x(Math.pow(10, d));
            svg.element("line", "x1", x, "y1", mid - 10, "x2", x, "y2", mid + 10, "stroke", "#dcdcdc");
        }
        group.targetMillis().ifPresent(target -> svg.element("line", "class", "target", "x1", axis.x(target),
                "y1", mid - 13, "x2", axis.x(target), "y2", mid + 13, "stroke", TARGET, "stroke-width", 1.5,
                "stroke-dasharray", "5 3"));
        List<Long> millis = group.millis();
        for (int i = 0; i < millis.size(); i++) {
            // a small fixed vertical spread so equal latencies stay countable
            double jitter = (i * 37 % 9 - 4) * 1.5;
            svg.element("circle", "class", "sample", "cx", axis.x(millis.get(i)), "cy", mid + jitter, "r", 3.5,
                    "fill", DOT, "fill-opacity", 0.6);
        }
        if (!millis.isEmpty()) {
            tick(svg, "p50", axis.x(Stats.median(millis)), mid, 2.5);
            tick(svg, "p99", axis.x(Stats.percentile(millis, 99)), mid, 1.2);
        }
        svg.close("g");
        return top + (wrapped ? WRAPPED_ROW_HEIGHT : ROW_HEIGHT);
    }

    private static void tick(Svg svg, String kind, double x, double mid, double width) {
        svg.element("line", "class", kind, "x1", x, "y1", mid - 11, "x2", x, "y2", mid + 11, "stroke", "#111",
                "stroke-width", width);
    }

    /** What each mark means, drawn with the marks themselves. */
    private static double key(Svg svg, double left, double top) {
        double y = top + 10;
        double x = left;
        svg.element("circle", "cx", x + 4, "cy", y - 4, "r", 3.5, "fill", DOT, "fill-opacity", 0.6);
        svg.text(x + 12, y, "one swap");
        x += 90;
        tick(svg, "key", x + 2, y - 4, 2.5);
        svg.text(x + 10, y, "p50");
        x += 56;
        tick(svg, "key", x + 2, y - 4, 1.2);
        svg.text(x + 10, y, "p99");
        x += 56;
        svg.element("line", "x1", x + 2, "y1", y - 15, "x2", x + 2, "y2", y + 7, "stroke", TARGET,
                "stroke-width", 1.5, "stroke-dasharray", "5 3");
        svg.text(x + 10, y, "target");
        return top + 26;
    }

    /** "p50 31 ms · p99 45 ms · max 45 ms (n=3) · target 50 ms": nearest rank, as the report's tables. */
    static String stats(SwapGroup group) {
        List<Long> millis = group.millis();
        OptionalLong targetMillis = group.targetMillis();
        String target = targetMillis.isPresent() ? " · target " + targetMillis.getAsLong() + " ms" : "";
        if (millis.isEmpty()) {
            return "no swaps (n=0)" + target;
        }
        return "p50 " + Stats.median(millis) + " ms · p99 " + Stats.percentile(millis, 99) + " ms · max "
                + Stats.max(millis) + " ms (n=" + millis.size() + ")" + target;
    }

    private static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : ms / 1000 + " s";
    }
}
