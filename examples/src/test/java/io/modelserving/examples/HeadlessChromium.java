package io.modelserving.examples;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Chromium run as a process in headless mode, one page load per call: the page's scripts run for a budget of
 * virtual time (which does not pass while requests are in flight), then Chromium prints the DOM or saves a
 * screenshot and exits.
 *
 * <pre>{@code
 * HeadlessChromium chromium = HeadlessChromium.onPath().orElseThrow();
 * String dom = chromium.dumpDom(URI.create("http://localhost:8080/"), Duration.ofSeconds(5));
 * }</pre>
 */
final class HeadlessChromium {

    /** The names Chromium goes by on a PATH, in the order they are looked for. */
    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);

    private final Path binary;
    private final Path workDir;

    private HeadlessChromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** The first of {@link #NAMES} found on the PATH; {@code workDir} holds its profile and output. */
    static Optional<HeadlessChromium> onPath(Path workDir) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate, workDir));
                }
            }
        }
        return Optional.empty();
    }

    Path binary() {
        return binary;
    }

    /** What {@code --version} prints, e.g. "Chromium 131.0.6778.85 built on Debian …". */
    String version() throws IOException, InterruptedException {
        return run(List.of("--version")).trim();
    }

    /** The page's DOM, serialized, after its scripts ran for {@code budget} of virtual time. */
    String dumpDom(URI page, Duration budget) throws IOException, InterruptedException {
        return run(headless(budget, "--dump-dom", page.toString()));
    }

    /** Saves a PNG of the page in a window of the given size, after its scripts ran for {@code budget}. */
    void screenshot(URI page, Path png, int width, int height, Duration budget) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(headless(budget, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toString()));
        if (!Files.isRegularFile(png)) {
            throw new IOException("Chromium wrote no screenshot to " + png + "; see " + workDir.resolve("chromium.log"));
        }
    }

    private List<String> headless(Duration budget, String... rest) {
        List<String> args = new ArrayList<>(List.of(
                "--headless",
                "--no-sandbox",               // containers and root users have no usable sandbox
                "--disable-gpu",
                "--disable-dev-shm-usage",    // a small /dev/shm in containers would crash the renderer
                "--no-first-run",
                "--user-data-dir=" + workDir.resolve("profile").toAbsolutePath(),
                "--virtual-time-budget=" + budget.toMillis()));
        args.addAll(List.of(rest));
        return args;
    }

    /** Runs Chromium to its end and returns its standard output; fails on a non-zero exit or a hang. */
    private String run(List<String> args) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "chromium", ".out");
        Path log = workDir.resolve("chromium.log");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException("Chromium did not finish within " + PROCESS_TIMEOUT.toSeconds() + " s: "
                        + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IOException("Chromium exited with " + process.exitValue() + ": " + String.join(" ", command)
                        + "; see " + log);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            Files.deleteIfExists(out);
        }
    }
}
