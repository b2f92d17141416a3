package io.modelserving.reliability;

import io.modelserving.Features;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import io.modelserving.examples.wine.WineRecordCodec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Wine records sent to the data topic at a steady rate in the background; remembers the partition and offset of
 * every record the broker acknowledged, which is what every scenario accounts for.
 */
final class Load {

    private final String topic;
    private final int count;
    private final double rate;
    private final KafkaProducer<String, byte[]> producer;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong failed = new AtomicLong();
    private final List<WineCsv.Row> rows = new WineGenerator(17).rows(1_000);
    private Thread thread;
    private volatile long sent;

    Load(String servers, String topic, int count, double rate) {
        this.topic = topic;
        this.count = count;
        this.rate = rate;
        this.producer = Clients.producer(servers);
    }

    Load start() {
        thread = new Thread(this::send, "load-" + topic);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void send() {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Features features = Features.of(Wine.DATA_TYPE, Wine.FEATURES, rows.get(i % rows.size()).features());
            byte[] value = WineRecordCodec.toWire(features, System.currentTimeMillis()).toByteArray();
            producer.send(new ProducerRecord<>(topic, Integer.toString(i), value), (meta, error) -> {
                if (error == null) {
                    acknowledged.add(Ledger.position(meta.partition(), meta.offset()));
                } else {
                    failed.incrementAndGet();
                }
            });
            sent = i + 1;
        }
        producer.flush();
    }

    /** Records handed to the producer so far. */
    long sent() {
        return sent;
    }

    /** Waits until every record is sent and acknowledged (or failed), then closes the producer. */
    void awaitDone() throws InterruptedException {
        thread.join();
        producer.close();
    }

    /** The positions of every acknowledged record; see {@link Ledger#position}. */
    Set<Long> acknowledged() {
        return acknowledged;
    }

    long failed() {
        return failed.get();
    }
}
