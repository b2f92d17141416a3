package io.modelserving.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line is redrawn in place on a terminal only; anywhere else it is plain lines. */
class ProgressTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final AtomicLong accounted = new AtomicLong();

    private final Progress.Counts counts = new Progress.Counts() {
        @Override
        public long accounted() {
            return accounted.get();
        }

        @Override
        public long scoredCount() {
            return accounted.get();
        }

        @Override
        public long failedCount() {
            return 0;
        }

        @Override
        public long deadLetterCount() {
            return 0;
        }

        @Override
        public String lastModel() {
            return "m:1";
        }
    };

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Waits (a busy machine may be slow to run the timer) until the progress was drawn {@code times} times. */
    private void awaitDrawn(int times) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (output().split("sent ", -1).length - 1 < times && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(output().split("sent ", -1).length - 1).as("times drawn").isGreaterThanOrEqualTo(times);
    }

    @Test
    void withoutATerminalItPrintsPlainLines() throws Exception {
        try (Progress progress = new Progress(out, counts, 10, false, 20)) {
            progress.sent(4);
            accounted.set(3);
            awaitDrawn(3);
            progress.note("a note");
        }

        assertThat(output()).doesNotContain("\r");
        List<String> lines = output().lines().toList();
        assertThat(lines).contains("a note");
        String progressLine = "\\[ *\\d+\\.\\ds] sent \\d+/10 \\| scored \\d+ .*model m:1";
        assertThat(lines.stream().filter(line -> line.matches(progressLine))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines).anyMatch(line -> line.contains("sent 4/10 | scored 3 "));
    }

    @Test
    void onATerminalItRedrawsOneLineAndClearsItForANote() throws Exception {
        try (Progress progress = new Progress(out, counts, 10, true, 20)) {
            awaitDrawn(3);
            progress.note("a note");
        }

        String text = output();
        assertThat(text).startsWith("\r[").contains("\r" + " ".repeat(110) + "\ra note\n").endsWith("\n");
        assertThat(text.substring(0, text.indexOf("a note"))).as("redrawn in place, no new line")
                .contains("sent 0/10").doesNotContain("\n");
    }

    @Test
    void anOutputOtherThanTheConsoleGetsPlainLines() {
        Progress.start(out, counts, 10).close();

        assertThat(output()).doesNotContain("\r").contains("sent 0/10");
    }
}
