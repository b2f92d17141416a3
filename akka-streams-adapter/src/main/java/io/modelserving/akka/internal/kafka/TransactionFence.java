package io.modelserving.akka.internal.kafka;

import akka.kafka.ProducerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transaction a crashed predecessor with the same transactional id left open, before the data
 * consumer starts. Without it a restart under exactly-once can stall until that transaction times out
 * ({@code transaction.timeout.ms}, 60 s by default): the open transaction holds the group's offsets, so the
 * {@code read_committed} data consumer waits for them, and Alpakka creates the producer that would abort it only
 * when the first output arrives.
 */
final class TransactionFence {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionFence.class);

    /** Long enough to reach a slow coordinator, short enough not to hold a start against a broker that is down. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TransactionFence() {
    }

    /**
     * Initialises and closes a producer with {@code transactionalId}, which aborts whatever transaction the id
     * left open. Blocks until done; a failure is logged, since the successor then only waits as it would have.
     */
    static void fence(ProducerSettings<byte[], byte[]> settings, String transactionalId) {
        Map<String, Object> config = new HashMap<>(settings.getProperties());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            LOG.debug("Fenced the predecessors of transactional id {} in {} ms", transactionalId,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("Could not fence the predecessors of transactional id {}; a transaction a crashed one left "
                    + "open holds the data until it times out (transaction.timeout.ms): {}", transactionalId,
                    e.toString());
        }
    }
}
