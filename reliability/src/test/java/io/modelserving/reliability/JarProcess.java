package io.modelserving.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A subcommand of the runnable examples jar as a process of its own, its output in a log file. */
final class JarProcess {

    private static final Path JAR = Path.of(System.getProperty("reliability.jar",
            "../examples/target/modelserving-examples.jar"));

    private final String name;
    private final Process process;
    private final Path log;

    private JarProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar modelserving-examples.jar args…}, logging to {@code logDir/name-<n>.log}. */
    static JarProcess start(String name, Path logDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(args);
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + "-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new JarProcess(name, process, log);
    }

    /** Waits for a line of output containing {@code marker}; fails when the process ends or time runs out. */
    void awaitLine(String marker, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(marker)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before printing '" + marker
                        + "':\n" + tail());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " printed no '" + marker + "' within " + timeout + ":\n" + tail());
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    String tail() throws IOException {
        String all = output();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Its peak resident set so far, in bytes (Linux {@code VmHWM}); 0 when it cannot be read. */
    long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return 0;
    }

    /** SIGKILL: no shutdown hook, no clean close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the clean shutdown (SIGKILL after a minute). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
