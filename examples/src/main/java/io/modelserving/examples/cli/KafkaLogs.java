package io.modelserving.examples.cli;

import java.util.List;

/**
 * Keeps Kafka's own warnings (an embedded broker's start-up notes, the clients' and Kafka Streams' advice) off a
 * console a person reads, for the subcommands that run the embedded broker. Kafka's errors still show, and so do
 * the library's own warnings ({@code io.modelserving}).
 *
 * <p>slf4j-simple takes a logger's level from a system property before {@code simplelogger.properties}, when the
 * logger is created; so this runs first thing in a command, before any Kafka class logs, and leaves alone a level
 * the user set with {@code -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn}.
 */
final class KafkaLogs {

    private static final String LEVEL_PREFIX = "org.slf4j.simpleLogger.log.";
    private static final List<String> KAFKA_LOGGERS = List.of("org.apache.kafka", "kafka", "org.apache.zookeeper");

    private KafkaLogs() {
    }

    static void errorsOnly() {
        for (String logger : KAFKA_LOGGERS) {
            if (System.getProperty(LEVEL_PREFIX + logger) == null) {
                System.setProperty(LEVEL_PREFIX + logger, "error");
            }
        }
    }
}
