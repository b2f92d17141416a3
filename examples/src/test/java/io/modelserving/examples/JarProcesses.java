package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Subcommands of the runnable jar as processes, the way an operator runs them, each with its output (stdout and
 * stderr together) read line by line in the background. Closing it stops whatever still runs.
 */
final class JarProcesses implements AutoCloseable {

    /** The jar the build makes, from the examples module's directory. */
    static final Path JAR = Path.of("target", "modelserving-examples.jar").toAbsolutePath();

    private final Path workingDir;
    private final List<Running> running = new ArrayList<>();

    /** @param workingDir where the processes run, so relative paths in their arguments land there */
    JarProcesses(Path workingDir) {
        this.workingDir = workingDir;
    }

    /** A running subcommand and the lines it has printed so far. */
    static final class Running {
        private final Process process;
        private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final CountDownLatch drained = new CountDownLatch(1);

        private Running(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        fresh.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                } finally {
                    drained.countDown();
                }
            }, "jar-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line containing {@code marker}; fails when the process ends or the time runs out first. */
        void awaitLine(String marker, int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                String line = fresh.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.contains(marker)) {
                        return;
                    }
                } else {
                    assertThat(process.isAlive()).as("process alive; output:\n" + String.join("\n", seen)).isTrue();
                }
            }
            throw new AssertionError("No line with '" + marker + "' within " + timeoutSeconds + " s; output:\n"
                    + String.join("\n", seen));
        }

        /** Every line printed so far. */
        synchronized List<String> lines() {
            fresh.drainTo(seen);
            return List.copyOf(seen);
        }

        Process process() {
            return process;
        }

        /** Every line, once the process has ended and its output has been read to the end. */
        List<String> allLines() throws InterruptedException {
            drained.await(10, TimeUnit.SECONDS);
            return lines();
        }
    }

    /** Starts a subcommand in the background. */
    Running start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        Running started = new Running(process);
        running.add(started);
        return started;
    }

    Running start(String... args) throws IOException {
        return start(List.of(args));
    }

    /** Runs a subcommand to completion and returns its output lines; fails on a non-zero exit. */
    List<String> run(int timeoutSeconds, List<String> args) throws Exception {
        Running command = start(args);
        Process process = command.process();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        List<String> lines = finished ? command.allLines() : command.lines();
        assertThat(finished).as(args.get(0) + " finished; output:\n" + String.join("\n", lines)).isTrue();
        assertThat(process.exitValue()).as(args.get(0) + " exit code; output:\n" + String.join("\n", lines)).isZero();
        return lines;
    }

    List<String> run(int timeoutSeconds, String... args) throws Exception {
        return run(timeoutSeconds, List.of(args));
    }

    @Override
    public void close() throws InterruptedException {
        for (Running command : running) {
            command.process().destroy();
        }
        for (Running command : running) {
            if (!command.process().waitFor(60, TimeUnit.SECONDS)) {
                command.process().destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
