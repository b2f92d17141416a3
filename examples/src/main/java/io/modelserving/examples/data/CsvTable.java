package io.modelserving.examples.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV text cut into its header and rows of cells, with each row's line number. The separator is {@code ,} or
 * {@code ;}, whichever the header line has more of outside quotes. A cell in double quotes may hold separators, line
 * breaks and {@code ""} for a quote; around an unquoted cell, spaces are dropped. An empty cell, quoted or not, is
 * null. Blank lines are skipped.
 *
 * <pre>{@code
 * CsvTable table = CsvTable.parse("id;fuel\n1;\"diesel\"\n", "cars.csv");
 * // table.header(): [id, fuel]; table.rows().get(0): line 2, cells [1, diesel]
 * }</pre>
 */
final class CsvTable {

    /** One row: the line it starts on (the header is line 1) and its cells, null where empty. */
    record Row(int line, List<String> cells) {
    }

    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * @param source names the text in errors
     * @throws IllegalArgumentException naming the source and the line: no header, a header column without a name or
     *                                  given twice, a row with another number of cells, a quote left open, text
     *                                  after a closing quote
     */
    static CsvTable parse(String text, String source) {
        Reader reader = new Reader(text.startsWith("\uFEFF") ? text.substring(1) : text, source);
        Row first = reader.next();
        if (first == null) {
            throw new IllegalArgumentException(source + " is empty: expected a header line");
        }
        List<String> header = first.cells();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i) == null) {
                throw new IllegalArgumentException(source + " line " + first.line() + ": column " + (i + 1)
                        + " of the header has no name");
            }
            if (!seen.add(header.get(i))) {
                throw new IllegalArgumentException(source + " line " + first.line() + ": the header has column '"
                        + header.get(i) + "' twice");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Row row = reader.next(); row != null; row = reader.next()) {
            if (row.cells().size() != header.size()) {
                throw new IllegalArgumentException(source + " line " + row.line() + ": " + row.cells().size()
                        + " cells, but the header has " + header.size() + " columns");
            }
            rows.add(row);
        }
        return new CsvTable(List.copyOf(header), List.copyOf(rows));
    }

    /** Reads rows one at a time; the separator is decided on the first. */
    private static final class Reader {
        private final String text;
        private final String source;
        private int at;
        private int line = 1;
        private final char separator;

        Reader(String text, String source) {
            this.text = text;
            this.source = source;
            this.separator = detectSeparator(text);
        }

        /** The next row that is not blank, or null at the end. */
        Row next() {
            while (at < text.length()) {
                int start = line;
                List<String> cells = new ArrayList<>();
                boolean blank = true;
                while (true) {
                    String cell = cell(start);
                    blank &= cell == null && cells.isEmpty();
                    cells.add(cell);
                    if (at < text.length() && text.charAt(at) == separator) {
                        at++;
                        blank = false;
                        continue;
                    }
                    endOfLine();
                    break;
                }
                if (!blank) {
                    return new Row(start, cells);
                }
            }
            return null;
        }

        /** One cell, up to (not past) the separator or line end after it; null when empty. */
        private String cell(int rowLine) {
            skipSpaces();
            if (at < text.length() && text.charAt(at) == '"') {
                String quoted = quoted(rowLine);
                skipSpaces();
                if (at < text.length() && text.charAt(at) != separator && !lineBreak()) {
                    throw new IllegalArgumentException(source + " line " + line + ": text after the closing quote"
                            + " of a cell");
                }
                return quoted.isEmpty() ? null : quoted;
            }
            int start = at;
            while (at < text.length() && text.charAt(at) != separator && !lineBreak()) {
                at++;
            }
            String plain = text.substring(start, at).strip();
            return plain.isEmpty() ? null : plain;
        }

        private String quoted(int rowLine) {
            int opened = line;
            at++; // the opening quote
            StringBuilder cell = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    if (at < text.length() && text.charAt(at) == '"') {
                        cell.append('"');
                        at++;
                    } else {
                        return cell.toString();
                    }
                } else {
                    if (c == '\n' || (c == '\r' && (at >= text.length() || text.charAt(at) != '\n'))) {
                        line++;
                    }
                    cell.append(c);
                }
            }
            throw new IllegalArgumentException(source + " line " + opened + ": a quoted cell is not closed"
                    + (opened == rowLine ? "" : " (in the row of line " + rowLine + ")"));
        }

        private void skipSpaces() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private boolean lineBreak() {
            char c = text.charAt(at);
            return c == '\n' || c == '\r';
        }

        private void endOfLine() {
            if (at < text.length() && text.charAt(at) == '\r') {
                at++;
            }
            if (at < text.length() && text.charAt(at) == '\n') {
                at++;
            }
            line++;
        }

        /** The separator the first non-blank line has more of outside quotes; {@code ,} on a tie. */
        private static char detectSeparator(String text) {
            int commas = 0;
            int semicolons = 0;
            boolean quoted = false;
            int first = 0;
            while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            for (int i = first; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                } else if (!quoted && c == ',') {
                    commas++;
                } else if (!quoted && c == ';') {
                    semicolons++;
                }
            }
            return semicolons > commas ? ';' : ',';
        }
    }
}
