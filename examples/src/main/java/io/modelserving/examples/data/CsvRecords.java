package io.modelserving.examples.data;

import io.modelserving.Features;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.FeatureFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads any CSV file with a header line as {@link Features}, one per row, by the rule every structured format
 * follows ({@link FeatureFields}): each column is a field, a cell a number when it is one and text (a category)
 * otherwise, an empty cell missing. The data type comes from a column ({@code dataTypeField}) or is fixed.
 *
 * <pre>{@code
 * // id,engine size,fuel
 * // 1,1.6,diesel
 * List<CsvRecords.Row> cars = CsvRecords.read(Path.of("cars.csv"), FeatureFields.builder().dataType("car").build());
 * // line 2: car, numeric id = 1 and engine size = 1.6, categorical fuel = "diesel"
 * }</pre>
 *
 * <p>See {@link CsvTable} for the CSV syntax.
 */
public final class CsvRecords {

    /** A row's features and the line it starts on, for errors found later (encoding it, say). */
    public record Row(int line, Features features) {
    }

    private CsvRecords() {
    }

    /**
     * @throws IllegalArgumentException naming the file and the line: bad CSV, a column {@code fields} needs that the
     *                                  header lacks, or the first row that does not make features, with the reason
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static List<Row> read(Path file, FeatureFields fields) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), fields);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The rows of {@code text}; {@code source} names it in errors. */
    static List<Row> parse(String text, String source, FeatureFields fields) {
        CsvTable table = CsvTable.parse(text, source);
        requireColumns(table.header(), fields, source);
        Function<List<String>, CsvRowFields> view = CsvRowFields.over(table.header());
        List<Row> rows = new ArrayList<>(table.rows().size());
        for (CsvTable.Row row : table.rows()) {
            Decoded<Features> features = fields.read(view.apply(row.cells()));
            if (!features.isValue()) {
                throw new IllegalArgumentException(source + " line " + row.line() + ": " + features.reason());
            }
            rows.add(new Row(row.line(), features.get()));
        }
        return rows;
    }

    /** Said once for the file rather than on every row: a column the data type or a declared feature needs. */
    private static void requireColumns(List<String> header, FeatureFields fields, String source) {
        fields.dataTypeField().filter(column -> !header.contains(column)).ifPresent(column -> {
            throw new IllegalArgumentException(source + " has no column '" + column + "' for the data type (columns: "
                    + String.join(", ", header) + ")");
        });
        for (FeatureFields.Feature feature : fields.declared()) {
            if (!header.contains(feature.field())) {
                throw new IllegalArgumentException(source + " has no column '" + feature.field() + "' for feature '"
                        + feature.name() + "' (columns: " + String.join(", ", header) + ")");
            }
        }
    }
}
