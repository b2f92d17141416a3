package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code block in {@code docs/} that follows a {@code <!-- snippet: NAME -->} marker must equal the region
 * between {@code // tag::NAME[]} and {@code // end::NAME[]} in this module's compiled, tested sources, so
 * the docs cannot drift from code that works.
 */
class DocsSnippetsTest {

    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*\\n```\\w*\\n(.*?)\\n```",
            Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("// tag::([\\w-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]",
            Pattern.DOTALL);

    @Test
    void docsSnippetsMatchTheSources() throws IOException {
        Map<String, String> regions = regions(Path.of("src"));
        List<Path> docs = markdown(Path.of("..", "docs"));
        assertThat(docs).as("docs/*.md").isNotEmpty();

        int checked = 0;
        List<String> problems = new ArrayList<>();
        for (Path doc : docs) {
            Matcher m = MARKER.matcher(Files.readString(doc));
            while (m.find()) {
                String name = m.group(1);
                String region = regions.get(name);
                if (region == null) {
                    problems.add(doc.getFileName() + ": no source region tagged '" + name + "'");
                } else if (!region.equals(dedent(m.group(2)))) {
                    problems.add(doc.getFileName() + ": snippet '" + name + "' differs from the source:\n" + region);
                }
                checked++;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("snippets checked").isGreaterThanOrEqualTo(6);
    }

    private static Map<String, String> regions(Path root) throws IOException {
        Map<String, String> regions = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = TAG.matcher(Files.readString(file));
                while (m.find()) {
                    String previous = regions.put(m.group(1), dedent(m.group(2)));
                    assertThat(previous).as("region '" + m.group(1) + "' tagged twice").isNull();
                }
            }
        }
        return regions;
    }

    private static List<Path> markdown(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** Removes the indentation common to every non-blank line, and trailing blanks. */
    static String dedent(String text) {
        List<String> lines = text.lines().map(String::stripTrailing).toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList()).strip();
    }
}
