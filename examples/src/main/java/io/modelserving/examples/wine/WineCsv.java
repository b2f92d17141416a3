package io.modelserving.examples.wine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and writes wine-quality CSV files: ';'-separated, eleven features then the quality, an optional header
 * line (quoted names, as in the UCI file) that is skipped.
 */
public final class WineCsv {

    /** One row: the eleven features and the quality. */
    public record Row(double[] features, double quality) {
    }

    private WineCsv() {
    }

    public static List<Row> read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Writes rows in the UCI file's layout, with its header line. */
    public static Path write(Path file, List<Row> rows) {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(Stream.concat(Wine.FEATURES.stream(), Stream.of("quality")).map(name -> '"' + name + '"')
                .collect(Collectors.joining(";")));
        for (Row row : rows) {
            // Double.toString: the shortest text that parses back to the same value.
            lines.add(Arrays.stream(row.features()).mapToObj(Double::toString).collect(Collectors.joining(";"))
                    + ";" + Math.round(row.quality()));
        }
        try {
            return Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static List<Row> parse(List<String> lines, String source) {
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || (n == 0 && !Character.isDigit(line.charAt(0)) && line.charAt(0) != '-')) {
                continue;
            }
            String[] cells = line.split(";");
            if (cells.length != 12) {
                throw new IllegalArgumentException(source + " line " + (n + 1) + ": expected 12 ';'-separated values, got "
                        + cells.length);
            }
            double[] values = new double[12];
            for (int i = 0; i < 12; i++) {
                try {
                    values[i] = Double.parseDouble(cells[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + " line " + (n + 1) + ": '" + cells[i] + "' is not a number");
                }
            }
            rows.add(new Row(Arrays.copyOf(values, 11), values[11]));
        }
        return rows;
    }
}
