package io.modelserving.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code serve} process of an application, with a stable instance id and state directory, so that a restart
 * is the same instance coming back; it samples its own heap and resident set while it runs.
 */
final class Serve {

    /** How long the group waits for a dead instance that does not come back: short, to keep the suite short. */
    static final int SESSION_TIMEOUT_SECONDS = 10;

    private final Setup setup;
    private final String instanceId;
    private final int httpPort;
    private final List<Integer> peerPorts;
    private JarProcess process;
    private Thread sampler;
    private volatile long peakHeap;
    private volatile long peakRss;

    /** What every instance of one application shares. */
    record Setup(String servers, Topics topics, String engine, String guarantee, String application, Path dir) {
    }

    Serve(Setup setup, String instanceId, int httpPort, List<Integer> peerPorts) {
        this.setup = setup;
        this.instanceId = instanceId;
        this.httpPort = httpPort;
        this.peerPorts = List.copyOf(peerPorts);
    }

    /** Starts the process and returns once it has started serving (not waiting for readiness). */
    Serve start() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve", "--engine", setup.engine(), "--guarantee",
                setup.guarantee(), "--bootstrap-servers", setup.servers(), "--http-port", Integer.toString(httpPort),
                "--application-id", setup.application(), "--instance-id", instanceId,
                "--state-dir", setup.dir().resolve("state-" + instanceId).toString(),
                "--session-timeout", Integer.toString(SESSION_TIMEOUT_SECONDS)));
        args.addAll(setup.topics().options());
        for (int peer : peerPorts) {
            args.addAll(List.of("--peer", "http://localhost:" + peer));
        }
        process = JarProcess.start(instanceId, setup.dir().resolve("logs"), args);
        process.awaitLine("Serving ", Duration.ofSeconds(60));
        JarProcess sampled = process;
        sampler = new Thread(() -> {
            while (sampled.alive()) {
                peakHeap = Math.max(peakHeap, Http.heapUsedBytes(httpPort));
                peakRss = Math.max(peakRss, sampled.peakRssBytes());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sampler-" + instanceId);
        sampler.setDaemon(true);
        sampler.start();
        return this;
    }

    /** Waits until {@code /health} says UP. */
    Serve awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Http.up(httpPort)) {
            if (System.nanoTime() > deadline || !process.alive()) {
                throw new AssertionError(instanceId + " not ready within " + timeout + ":\n" + process.tail());
            }
            Thread.sleep(200);
        }
        return this;
    }

    void kill() throws InterruptedException {
        peakRss = Math.max(peakRss, process.peakRssBytes());
        process.kill();
    }

    void stop() throws InterruptedException {
        peakRss = Math.max(peakRss, process.peakRssBytes());
        process.stop();
    }

    boolean alive() {
        return process != null && process.alive();
    }

    int httpPort() {
        return httpPort;
    }

    String instanceId() {
        return instanceId;
    }

    long peakHeap() {
        return peakHeap;
    }

    long peakRss() {
        return Math.max(peakRss, process == null ? 0 : process.peakRssBytes());
    }

    long pid() {
        return process.pid();
    }

    String tail() throws IOException {
        return process.tail();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
