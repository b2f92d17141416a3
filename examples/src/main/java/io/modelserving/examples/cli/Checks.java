package io.modelserving.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Option values checked at the top of a command, before it connects or starts anything. Each check throws
 * {@link IllegalArgumentException} naming the option and the value, which {@link Main} turns into a one-line
 * {@code error:} and exit code 2.
 *
 * <pre>{@code
 * Checks.positive("--records", records);
 * Checks.rate("--rate", rate);
 * }</pre>
 */
final class Checks {

    /** The highest TCP port. */
    static final int MAX_PORT = 65_535;

    private Checks() {
    }

    /** A count, a number of seconds: more than zero. */
    static long positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, was " + value);
        }
        return value;
    }

    /** An optional count: absent, or more than zero. */
    static Long positiveIfGiven(String option, Long value) {
        return value == null ? null : positive(option, value);
    }

    /** Records per second: zero (as fast as possible) or more, and a number. */
    static double rate(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be 0 (as fast as possible) or a positive number of "
                    + "records per second, was " + value);
        }
        return value;
    }

    /** A TCP port, 0 for any free one. */
    static int port(String option, int value) {
        if (value < 0 || value > MAX_PORT) {
            throw new IllegalArgumentException(option + " must be a port from 0 to " + MAX_PORT + ", was " + value);
        }
        return value;
    }

    /** A file or a directory that exists. */
    static Path exists(String option, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(option + ": no such file or directory: " + path);
        }
        return path;
    }

    /** A regular file this process can read. */
    static Path readableFile(String option, Path path) {
        exists(option, path);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(option + ": not a file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(option + ": cannot read " + path);
        }
        return path;
    }
}
