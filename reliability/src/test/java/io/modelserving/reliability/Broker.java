package io.modelserving.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The {@code broker} subcommand as a process: stopped and started again on the same port and log directory. */
final class Broker {

    private final int port;
    private final Path dir;
    private JarProcess process;

    Broker(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    Broker start() throws IOException, InterruptedException {
        process = JarProcess.start("broker", dir.resolve("logs"),
                List.of("broker", "--port", Integer.toString(port), "--dir", dir.resolve("kafka").toString()));
        process.awaitLine("Kafka broker ready", Duration.ofSeconds(90));
        return this;
    }

    /** A clean stop (SIGTERM): the restart recovers no log. */
    void stop() throws InterruptedException {
        process.stop();
    }

    String servers() {
        return "127.0.0.1:" + port;
    }
}
