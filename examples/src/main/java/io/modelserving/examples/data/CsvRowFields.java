package io.modelserving.examples.data;

import io.modelserving.codec.FeatureFields;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A CSV row as the fields of a record, for {@link FeatureFields#read}: one field per column of the header, a cell
 * that is a finite number as a {@link BigDecimal} (exactly as written), any other cell as text, an empty cell as
 * null. What becomes of them is {@code FeatureFields}' rule, as for JSON and Avro.
 */
final class CsvRowFields implements FeatureFields.Fields {

    private final List<String> header;
    private final Map<String, Integer> columns;
    private final List<String> cells;

    private CsvRowFields(List<String> header, Map<String, Integer> columns, List<String> cells) {
        this.header = header;
        this.columns = columns;
        this.cells = cells;
    }

    /** Views the rows of a table with this header, which names every column once. */
    static Function<List<String>, CsvRowFields> over(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
        return cells -> new CsvRowFields(header, columns, cells);
    }

    @Override
    public List<String> names() {
        return header;
    }

    @Override
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    @Override
    public Object get(String name) {
        Integer column = columns.get(name);
        return column == null ? null : value(cells.get(column));
    }

    /** A number when the cell is one and finite as a double; text otherwise; null when empty. */
    static Object value(String cell) {
        if (cell == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(cell);
            return Double.isFinite(number.doubleValue()) ? number : cell;
        } catch (NumberFormatException e) {
            return cell;
        }
    }
}
