package io.modelserving.examples.kafka;

import io.modelserving.Features;
import io.modelserving.ModelServingException;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineRecordCodec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes rows to the data topic, keyed by row number, at an optional steady rate: wine rows as the tutorial's
 * {@code WineRecord}s stamped with the send time, or rows of any kind encoded by a function given.
 *
 * <pre>{@code
 * new DataPublisher(producer, "modelserving-data", "wine", 100).publish(wineRows, 0, wineRows.size(), n -> { });
 * new DataPublisher(producer, "modelserving-data", "car", 0).publish(cars, codec::encode, 0, cars.size(), n -> { });
 * }</pre>
 */
public final class DataPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String dataType;
    private final double ratePerSecond;

    /**
     * @param dataType      the data type of wine rows
     * @param ratePerSecond records per second; 0 or less for as fast as the producer goes
     */
    public DataPublisher(KafkaProducer<String, byte[]> producer, String topic, String dataType, double ratePerSecond) {
        this.producer = producer;
        this.topic = topic;
        this.dataType = dataType;
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * Sends {@code count} wine records, cycling through {@code rows}, keys {@code firstKey}, {@code firstKey + 1}, …
     * and flushes. {@code afterEach} sees the number sent so far (for progress and mid-stream actions).
     *
     * @return how many records the broker acknowledged: all of them
     * @throws IllegalStateException at the first record the broker did not take, saying how many it acknowledged
     *                               (sending stops there)
     */
    public long publish(List<WineCsv.Row> rows, long firstKey, long count, LongConsumer afterEach) {
        return publish(rows, row -> WineRecordCodec.toWire(Features.of(dataType, Wine.FEATURES, row.features()),
                System.currentTimeMillis()).toByteArray(), firstKey, count, afterEach);
    }

    /**
     * Sends {@code count} records, cycling through {@code rows}, each as {@code encode} gives it, keys
     * {@code firstKey}, {@code firstKey + 1}, … and flushes; as {@link #publish(List, long, long, LongConsumer)}.
     */
    public <T> long publish(List<T> rows, Function<? super T, byte[]> encode, long firstKey, long count,
                            LongConsumer afterEach) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("No rows to publish");
        }
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long sent = 0;
        for (; sent < count && failure.get() == null; sent++) {
            if (ratePerSecond > 0) {
                long due = start + (long) (sent * 1e9 / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            byte[] value = encode.apply(rows.get((int) (sent % rows.size())));
            try {
                producer.send(new ProducerRecord<>(topic, Long.toString(firstKey + sent), value), (meta, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
            } catch (KafkaException e) {
                failure.compareAndSet(null, e);
            }
            afterEach.accept(sent + 1);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("the broker acknowledged " + acknowledged.get() + " of " + sent
                    + " records sent to " + topic + ": " + ModelServingException.reasonOf(failure.get()));
        }
        return acknowledged.get();
    }
}
