package io.modelserving.benchmarks.endtoend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the benchmark report as one standalone SVG document: where and how the run was made, throughput by pipeline
 * and partition count ({@link ThroughputChart}), and every model swap's latency ({@link SwapChart}).
 *
 * <p>SVG rather than PNG: the text stays text (a reviewer can diff it, a reader can search it), it needs no image
 * library, and GitHub shows it inline in Markdown. The background is white, so it reads the same in any theme.
 *
 * <pre>{@code
 * Chart.write(data, Path.of("docs/benchmarks.svg"));
 * }</pre>
 */
final class Chart {

    static final double WIDTH = 1000;
    static final double MARGIN = 20;
    private static final double SECTION_GAP = 28;

    private Chart() {
    }

    /** The whole document; an empty part (no panels, no swaps) is left out. */
    static String svg(ChartData data) {
        Svg svg = new Svg();
        double width = WIDTH - 2 * MARGIN;
        double y = header(svg, data.header(), width);
        if (!data.throughput().isEmpty()) {
            y = ThroughputChart.draw(svg, data.throughput(), MARGIN, y + SECTION_GAP, width);
        }
        if (!data.swaps().isEmpty()) {
            y = SwapChart.draw(svg, data.swaps(), MARGIN, y + SECTION_GAP, width);
        }
        return svg.document(WIDTH, Math.ceil(y + MARGIN), data.header().title());
    }

    /** Writes {@link #svg} as UTF-8, creating the directories above {@code file}. */
    static void write(ChartData data, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, svg(data), StandardCharsets.UTF_8);
    }

    /** A section's heading and, under it, a line saying how to read it; returns where the section's body starts. */
    static double section(Svg svg, String title, String note, double left, double top) {
        svg.text(left, top + 14, title, "font-size", 16, "font-weight", "bold");
        svg.text(left, top + 32, note, "fill", "#555");
        return top + 44;
    }

    private static double header(Svg svg, ChartData.Header header, double width) {
        double y = MARGIN + 20;
        svg.text(MARGIN, y, header.title(), "font-size", 20, "font-weight", "bold");
        y = lines(svg, "machine: " + header.machine(), y + 24, width, 13, false);
        y = lines(svg, "command: " + header.command(), y + 20, width, 12, true);
        svg.text(MARGIN, y + 20, "run on " + header.date(), "font-size", 13);
        return y + 20;
    }

    /** Text too long for one line goes on indented lines below it; returns the baseline of the last line. */
    private static double lines(Svg svg, String text, double y, double width, double fontSize, boolean monospace) {
        List<String> lines = wrap(text, (int) ((width - 16) / Svg.charWidth(fontSize, monospace)));
        for (int i = 0; i < lines.size(); i++) {
            double baseline = y + i * (fontSize + 5);
            double x = MARGIN + (i == 0 ? 0 : 16);
            if (monospace) {
                svg.text(x, baseline, lines.get(i), "font-size", fontSize, "font-family", "monospace");
            } else {
                svg.text(x, baseline, lines.get(i), "font-size", fontSize);
            }
        }
        return y + (lines.size() - 1) * (fontSize + 5);
    }

    /** Breaks at spaces; a word longer than a line gets a line of its own. */
    static List<String> wrap(String text, int maxChars) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            if (line.length() > 0 && line.length() + 1 + word.length() > maxChars) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
