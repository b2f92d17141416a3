package io.modelserving.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The suite's summary table: printed, written to {@code target/reliability.md}, and optionally into docs/. */
final class Report {

    static final String COMMAND = "mvn -B install -DskipTests && mvn -B verify -pl reliability "
            + "-Dreliability.docs=docs/reliability.md";

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println(row.markdown());
    }

    synchronized String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("Run on ").append(LocalDate.now()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name"))
                .append(". Reproduce with `").append(COMMAND).append("`.\n\n");
        text.append(Row.header()).append('\n');
        rows.forEach(row -> text.append(row.markdown()).append('\n'));
        return text.toString();
    }

    /** Writes the table where the system properties say: {@code reliability.report}, {@code reliability.docs}. */
    void write() throws IOException {
        String table = markdown();
        System.out.println(table);
        String report = System.getProperty("reliability.report");
        if (report != null) {
            Files.createDirectories(Path.of(report).toAbsolutePath().getParent());
            Files.writeString(Path.of(report), table);
        }
        String docs = System.getProperty("reliability.docs");
        if (docs != null && !docs.isBlank()) {
            Path page = Path.of(docs).isAbsolute() ? Path.of(docs) : Path.of("..").resolve(docs);
            String text = Files.readString(page);
            int start = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (start < 0 || end < start) {
                throw new IllegalStateException(page + " has no " + BEGIN + " … " + END + " region for the table");
            }
            Files.writeString(page, text.substring(0, start + BEGIN.length()) + "\n" + table
                    + text.substring(end));
        }
    }

    private static final String BEGIN = "<!-- reliability-table:begin -->";
    private static final String END = "<!-- reliability-table:end -->";
}
