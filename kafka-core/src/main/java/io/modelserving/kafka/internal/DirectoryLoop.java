package io.modelserving.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of an instance directory: announces this instance every interval and reads every entry of the
 * directory topic (no group: all partitions assigned, from the beginning) into {@link LiveInstances}. Nothing on
 * the topic or from the broker ends it; only {@link #stop()} does, and it closes the consumer on its way out.
 */
public final class DirectoryLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLoop.class);
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final byte[] name;
    private final Announcement self;
    private final Duration interval;
    private final LiveInstances live;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean warnedMalformed = new AtomicBoolean();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final AtomicBoolean readFailing = new AtomicBoolean();
    private final AtomicBoolean announceFailing = new AtomicBoolean();
    private Map<TopicPartition, Long> historyEnds;

    public DirectoryLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, String topic,
                         String name, Announcement self, Duration interval, LiveInstances live) {
        this.consumer = consumer;
        this.producer = producer;
        this.topic = topic;
        this.name = name.getBytes(StandardCharsets.UTF_8);
        this.self = self;
        this.interval = interval;
        this.live = live;
    }

    @Override
    public void run() {
        long nextAnnounce = 0;
        try {
            while (!stopping.get()) {
                try {
                    long now = System.currentTimeMillis();
                    if (now >= nextAnnounce) {
                        announce(now);
                        nextAnnounce = now + interval.toMillis();
                    }
                    if (historyEnds == null && !assign()) {
                        pause();
                        continue;
                    }
                    long untilAnnounce = Math.max(1, nextAnnounce - System.currentTimeMillis());
                    for (ConsumerRecord<byte[], byte[]> record
                            : consumer.poll(Duration.ofMillis(Math.min(untilAnnounce, MAX_POLL.toMillis())))) {
                        read(record);
                    }
                    live.expire(System.currentTimeMillis());
                    recovered(readFailing, "reading");
                } catch (WakeupException e) {
                    // stop() woke the poll up; the loop condition ends it
                } catch (RuntimeException e) {
                    // Whatever the broker or the topic does, the directory keeps going (and keeps its entries ageing).
                    failed(readFailing, "reading", e);
                    live.expire(System.currentTimeMillis());
                    pause();
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Ends the loop soon; the caller joins the thread. */
    public void stop() {
        stopping.set(true);
        consumer.wakeup();
    }

    private void announce(long now) {
        Announcement fresh = new Announcement(self.uri(), Instant.ofEpochMilli(now));
        producer.send(new ProducerRecord<>(topic, name, fresh.encode()), (metadata, error) -> {
            if (error == null) {
                recovered(announceFailing, "announcing");
            } else {
                failed(announceFailing, "announcing", error);
            }
        });
    }

    /** Assigns every partition from its beginning; false when the topic is not visible yet. */
    private boolean assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, interval);
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(assigned));
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        historyEnds = ends;
        return true;
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        String instance;
        Announcement announcement;
        try {
            instance = Announcement.name(record.key());
            if (record.value() == null) {
                live.gone(instance);
                return;
            }
            announcement = Announcement.decode(record.value());
        } catch (IllegalArgumentException e) {
            malformed(record, e.getMessage());
            return;
        }
        boolean history = record.offset() < historyEnds.getOrDefault(
                new TopicPartition(record.topic(), record.partition()), 0L);
        if (!live.heard(instance, announcement, history, System.currentTimeMillis())
                && warnedFull.compareAndSet(false, true)) {
            LOG.warn("Instance directory topic {} names more than {} live instances; ignoring new ones", topic,
                    LiveInstances.MAX_ENTRIES);
        }
    }

    private void malformed(ConsumerRecord<byte[], byte[]> record, String reason) {
        if (warnedMalformed.compareAndSet(false, true)) {
            LOG.warn("Ignoring a malformed entry on instance directory topic {} at partition {} offset {}: {}; "
                    + "further malformed entries are ignored without a warning", topic, record.partition(),
                    record.offset(), reason);
        } else {
            LOG.debug("Ignoring a malformed entry at {}-{}@{}: {}", topic, record.partition(), record.offset(), reason);
        }
    }

    /** Warns once per outage, not once per turn of the loop. */
    private void failed(AtomicBoolean failing, String what, Throwable error) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("Instance directory on {}: {} failed ({}); trying again", topic, what, error.toString());
        }
    }

    private void recovered(AtomicBoolean failing, String what) {
        if (failing.compareAndSet(true, false)) {
            LOG.info("Instance directory on {}: {} works again", topic, what);
        }
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(interval.toMillis(), MAX_POLL.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.set(true);
        }
    }
}
