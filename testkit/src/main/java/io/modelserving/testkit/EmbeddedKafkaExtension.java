package io.modelserving.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs one {@link EmbeddedKafkaBroker} per test class: started before the first
 * test, closed after the last. Register it on a {@code static} field; it offers the broker's helpers itself.
 * Nested test classes share their outer class's broker.
 *
 * <pre>{@code
 * class ScoringIT {
 *     @RegisterExtension
 *     static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 *
 *     @Test
 *     void scoresRecords() {
 *         KAFKA.createTopic("wine", 3);
 *         Properties props = KAFKA.consumerProperties("scoring-it");
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements KafkaHelpers, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback {

    private final EmbeddedKafkaBroker.Builder settings;
    private volatile EmbeddedKafkaBroker broker;
    private String ownerId;

    /** A broker on free ports with a temporary log directory. */
    public EmbeddedKafkaExtension() {
        this(EmbeddedKafkaBroker.builder());
    }

    /** A broker configured by {@code settings}, started anew for each test class. */
    public EmbeddedKafkaExtension(EmbeddedKafkaBroker.Builder settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (broker == null) {
            broker = settings.start();
            ownerId = context.getUniqueId();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (broker != null && context.getUniqueId().equals(ownerId)) {
            try {
                broker.close();
            } finally {
                broker = null;
                ownerId = null;
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (broker == null) {
            throw new IllegalStateException("EmbeddedKafkaExtension in " + context.getRequiredTestClass().getName()
                    + " has no broker: register it on a static field, with @RegisterExtension");
        }
    }

    /**
     * The running broker.
     *
     * @throws IllegalStateException outside the test class's lifetime
     */
    public EmbeddedKafkaBroker broker() {
        EmbeddedKafkaBroker current = broker;
        if (current == null) {
            throw new IllegalStateException("The embedded Kafka broker runs only while the test class runs");
        }
        return current;
    }

    @Override
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }
}
