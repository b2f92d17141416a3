package io.modelserving.benchmarks.endtoend;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends data records at a steady rate from its own thread. Each record's timestamp is set when it is sent, so
 * it is the start of that record's end-to-end latency.
 */
final class SteadyLoad implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Workload workload;
    private final long periodNanos;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    SteadyLoad(Properties producerProperties, String topic, Workload workload, int rate) {
        Properties props = new Properties();
        props.putAll(producerProperties);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0"); // each record leaves when sent: no batching delay
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.workload = workload;
        this.periodNanos = 1_000_000_000L / rate;
        this.thread = new Thread(this::loop, "steady-load");
    }

    void start() {
        thread.start();
    }

    private void loop() {
        long next = System.nanoTime();
        long i = 0;
        while (running) {
            producer.send(new ProducerRecord<>(topic, Workload.key(i), workload.value(i)), (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
            });
            sent.set(++i);
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Stops sending and waits until every record sent is acknowledged. */
    void stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    long sent() {
        return sent.get();
    }

    /** Records the broker did not acknowledge. */
    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
