package io.modelserving.examples.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How far the readers read: {@code read-scored} and {@code read-dlq} share these. */
final class ReaderOptions {

    @Option(names = "--count", description = "Stop after this many records.")
    Long count;

    @Option(names = "--from-beginning", description = "Read from the start of the topic, not only new records.")
    boolean fromBeginning;

    @Option(names = "--timeout", defaultValue = "30",
            description = "Stop after this many seconds without a record. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    /** @throws IllegalArgumentException for a count or a timeout that is not positive */
    void check() {
        Checks.positiveIfGiven("--count", count);
        Checks.positive("--timeout", timeoutSeconds);
    }

    long maxRecords() {
        return count == null ? Long.MAX_VALUE : count;
    }

    Duration idle() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
