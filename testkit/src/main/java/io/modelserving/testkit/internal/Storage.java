package io.modelserving.testkit.internal;

import io.modelserving.testkit.EmbeddedKafkaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/** Formats a KRaft log directory, as {@code kafka-storage.sh format} does, unless it already is formatted. */
public final class Storage {

    private Storage() {
    }

    /** Whether {@code logDir} already holds a formatted node (a restart rather than a first start). */
    public static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve("meta.properties"));
    }

    /** Formats {@code logDir} for a new cluster with a random id. */
    public static void format(Properties serverProperties) throws IOException {
        Path configFile = Files.createTempFile("embedded-kafka-", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(configFile)) {
                serverProperties.store(out, "embedded Kafka broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()};
            int exitCode;
            try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(args, printer);
            }
            if (exitCode != 0) {
                throw new EmbeddedKafkaException("Formatting the Kafka log directory failed (exit code " + exitCode
                        + "): " + output.toString(StandardCharsets.UTF_8).trim());
            }
        } finally {
            Files.deleteIfExists(configFile);
        }
    }
}
