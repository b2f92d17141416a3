package io.modelserving.kafka;

import io.modelserving.kafka.internal.Announcement;
import io.modelserving.kafka.internal.DirectoryClients;
import io.modelserving.kafka.internal.DirectoryLoop;
import io.modelserving.kafka.internal.DirectoryTopic;
import io.modelserving.kafka.internal.LiveInstances;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the instances of one application find each other's HTTP addresses through Kafka itself, whatever engine
 * runs them: each instance announces its name and URI on a compacted topic ({@code <application-id>-instances},
 * created when missing) and reads everyone else's. Kafka Streams instances do not need it (they have
 * {@code application.server}); the Akka Streams adapter does, for {@code GET /state} across instances.
 *
 * <pre>{@code
 * try (InstanceDirectory directory = InstanceDirectory.builder(clientProperties, "scoring-app")
 *         .start("host-1:8080", URI.create("http://host-1:8080"))) {
 *     ServingView view = control.view("host-1:8080", directory::peers);
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Consistency.</b> Eventually consistent, within about one interval: an instance announces itself when it
 * starts and again every {@linkplain Builder#announceInterval interval} (10 s by default), and every instance reads
 * the topic continuously, so a new one is seen as soon as its first announcement is read (normally in well under a
 * second). A cleanly {@linkplain #close() closed} one writes a tombstone and disappears at once; one that dies
 * without closing disappears once it has not announced itself for the {@linkplain Builder#staleAfter staleness
 * bound} (three intervals by default), judged by the reader's own clock. While an instance cannot read the topic,
 * its peers age out the same way. Instance names must be unique within the application.
 *
 * <p><b>Cost.</b> One background thread, one producer and one consumer (no group: it assigns itself the topic and
 * commits nothing) per instance; one record of about 100 bytes per instance per interval. The topic rolls a
 * segment every hour, so compaction keeps it near one entry per instance.
 *
 * <p><b>Trust.</b> Entries that are not announcements (wrong key or value, a URI that is not http(s), more than
 * 1 KiB) are ignored, with one warning; nothing on the topic can stop the directory. A well-formed entry cannot be
 * told from a real one, though, and {@code GET /state} calls the URIs it lists: let only the application's
 * principals write to the topic (Kafka ACLs).
 */
public final class InstanceDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceDirectory.class);

    /** How often an instance announces itself by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** After how many intervals without an announcement an instance is dropped, by default. */
    public static final int DEFAULT_STALE_INTERVALS = 3;
    /** The suffix of the default topic name after the application id. */
    public static final String TOPIC_SUFFIX = "-instances";

    private final String topic;
    private final String instance;
    private final URI uri;
    private final LiveInstances live;
    private final DirectoryLoop loop;
    private final Thread thread;
    private final KafkaProducer<byte[], byte[]> producer;
    private volatile boolean closed;

    private InstanceDirectory(String topic, String instance, URI uri, LiveInstances live, DirectoryLoop loop,
                              KafkaProducer<byte[], byte[]> producer) {
        this.topic = topic;
        this.instance = instance;
        this.uri = uri;
        this.live = live;
        this.loop = loop;
        this.producer = producer;
        this.thread = new Thread(loop, "modelserving-instance-directory");
        this.thread.setDaemon(true);
    }

    /**
     * A directory of the application {@code applicationId}, reached with {@code clientProperties} (the bootstrap
     * servers and any security settings, as for the engine's own clients).
     */
    public static Builder builder(Map<?, ?> clientProperties, String applicationId) {
        return new Builder(clientProperties, applicationId);
    }

    /** The default topic of an application: {@code <applicationId>-instances}. */
    public static String topicFor(String applicationId) {
        return applicationId + TOPIC_SUFFIX;
    }

    /**
     * The URIs of the other live instances, in the order of their names, without this instance's name or URI and
     * without duplicates. Cheap: no call to the cluster. Empty once closed.
     */
    public List<URI> peers() {
        if (closed) {
            return List.of();
        }
        return live.live(System.currentTimeMillis()).entrySet().stream()
                .filter(entry -> !entry.getKey().equals(instance) && !entry.getValue().equals(uri))
                .map(Map.Entry::getValue)
                .distinct()
                .toList();
    }

    /** The topic this directory uses. */
    public String topic() {
        return topic;
    }

    /** This instance's name, the key of its entries. */
    public String instance() {
        return instance;
    }

    /** Stops announcing and reading, and writes a tombstone so that the others drop this instance at once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.stop();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
            producer.send(new ProducerRecord<>(topic, instance.getBytes(StandardCharsets.UTF_8), null))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Instance {} could not write its tombstone on {}; the others drop it once it is stale: {}",
                    instance, topic, e.toString());
        } finally {
            producer.close(Duration.ofSeconds(5));
            live.clear();
        }
    }

    /**
     * Settings of an {@link InstanceDirectory}; {@link #start} checks them and starts it.
     */
    public static final class Builder {
        private final Map<?, ?> clientProperties;
        private final String applicationId;
        private String topic;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration staleAfter;

        private Builder(Map<?, ?> clientProperties, String applicationId) {
            this.clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
            if (applicationId == null || applicationId.isBlank()) {
                throw new IllegalArgumentException("application id must not be blank, was '" + applicationId + "'");
            }
            this.applicationId = applicationId;
        }

        /** The topic to use instead of {@link InstanceDirectory#topicFor}{@code (applicationId)}. */
        public Builder topic(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("topic must not be blank, was '" + value + "'");
            }
            topic = value;
            return this;
        }

        /** How often this instance announces itself; {@link InstanceDirectory#DEFAULT_INTERVAL} unless set. */
        public Builder announceInterval(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("announce interval must be positive, was " + value);
            }
            interval = value;
            return this;
        }

        /**
         * How long an instance stays listed without announcing itself;
         * {@value InstanceDirectory#DEFAULT_STALE_INTERVALS} intervals unless set. Must be longer than the interval.
         */
        public Builder staleAfter(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("staleness bound must be positive, was " + value);
            }
            staleAfter = value;
            return this;
        }

        /**
         * Creates the topic when missing, announces {@code instance} at {@code uri}, and starts reading.
         *
         * @param instance this instance's name, unique in the application, e.g. {@code host:port}
         * @param uri      its HTTP endpoint, {@code http(s)://host:port}
         * @throws IllegalArgumentException         when the name or URI is not usable, or the staleness bound is
         *                                          not longer than the interval
         * @throws io.modelserving.ModelServingException when the topic is missing and cannot be created
         */
        public InstanceDirectory start(String instance, URI uri) {
            Duration stale = staleAfter != null ? staleAfter : interval.multipliedBy(DEFAULT_STALE_INTERVALS);
            if (stale.compareTo(interval) <= 0) {
                throw new IllegalArgumentException("staleness bound " + stale + " must be longer than the announce "
                        + "interval " + interval);
            }
            Announcement self = announcement(instance, uri);
            String name = topic != null ? topic : topicFor(applicationId);
            DirectoryTopic.ensure(DirectoryClients.admin(clientProperties), name, Duration.ofSeconds(30));
            LiveInstances live = new LiveInstances(stale);
            KafkaProducer<byte[], byte[]> producer = DirectoryClients.producer(clientProperties);
            DirectoryLoop loop;
            try {
                loop = new DirectoryLoop(DirectoryClients.consumer(clientProperties), producer, name, instance, self,
                        interval, live);
            } catch (RuntimeException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
            InstanceDirectory directory = new InstanceDirectory(name, instance, uri, live, loop, producer);
            directory.thread.start();
            return directory;
        }

        private static Announcement announcement(String instance, URI uri) {
            if (instance == null || instance.isBlank()) {
                throw new IllegalArgumentException("instance name must not be blank, was '" + instance + "'");
            }
            Objects.requireNonNull(uri, "uri");
            Announcement self = new Announcement(uri, Instant.now());
            try {
                Announcement.name(instance.getBytes(StandardCharsets.UTF_8));
                Announcement.decode(self.encode());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("instance " + instance + " at " + uri + " cannot be announced: "
                        + e.getMessage(), e);
            }
            return self;
        }
    }
}
