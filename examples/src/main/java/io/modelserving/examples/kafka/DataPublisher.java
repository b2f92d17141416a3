package io.modelserving.examples.kafka;

import io.modelserving.Features;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineRecordCodec;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes wine rows to the data topic as the tutorial's {@code WineRecord}s, keyed by row number, stamped
 * with the send time, at an optional steady rate.
 */
public final class DataPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String dataType;
    private final double ratePerSecond;

    /** @param ratePerSecond records per second; 0 or less for as fast as the producer goes */
    public DataPublisher(KafkaProducer<String, byte[]> producer, String topic, String dataType, double ratePerSecond) {
        this.producer = producer;
        this.topic = topic;
        this.dataType = dataType;
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * Sends {@code count} records, cycling through {@code rows}, keys {@code firstKey}, {@code firstKey + 1}, …
     * and flushes. {@code afterEach} sees the number sent so far (for progress and mid-stream actions).
     */
    public long publish(List<WineCsv.Row> rows, long firstKey, long count, LongConsumer afterEach) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("No rows to publish");
        }
        long start = System.nanoTime();
        for (long sent = 0; sent < count; sent++) {
            if (ratePerSecond > 0) {
                long due = start + (long) (sent * 1e9 / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            WineCsv.Row row = rows.get((int) (sent % rows.size()));
            Features features = Features.of(dataType, Wine.FEATURES, row.features());
            byte[] value = WineRecordCodec.toWire(features, System.currentTimeMillis()).toByteArray();
            producer.send(new ProducerRecord<>(topic, Long.toString(firstKey + sent), value), (meta, error) -> {
                if (error != null) {
                    System.err.println("send failed: " + error.getMessage());
                }
            });
            afterEach.accept(sent + 1);
        }
        producer.flush();
        return count;
    }
}
