package io.modelserving.examples.kafka;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelSlotKey;
import io.modelserving.RoleChanges;
import io.modelserving.codec.Codecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes models to the model topic, keyed by data type and role ({@link ModelSlotKey#topicKey()}: {@code wine},
 * {@code wine:shadow}, {@code wine:canary}) so that a compacted topic keeps the latest model of each role. A file is
 * sent as bytes with its SHA-256; a directory (a TensorFlow SavedModel) is sent as its absolute location, which the
 * serving side reads only from its allowed model directories.
 *
 * <pre>{@code
 * ModelPublisher.publish(producer, "models", ModelPublisher.describe(file, "onnx", "wine-v2", "wine", "", "2")
 *         .withRole(ModelRole.SHADOW, 0));
 * ModelPublisher.retire(producer, "models", new ModelSlotKey("wine", ModelRole.SHADOW));
 * }</pre>
 */
public final class ModelPublisher {

    private ModelPublisher() {
    }

    public static ModelDescriptor describe(Path file, String modelType, String name, String dataType,
                                           String description, String version) throws IOException {
        ModelDescriptor.Builder builder = ModelDescriptor.builder(name, dataType, modelType)
                .description(description)
                .version(version)
                .createdAt(Instant.now());
        if (Files.isDirectory(file)) {
            return builder.location(file.toAbsolutePath().normalize().toString()).build();
        }
        byte[] bytes = Files.readAllBytes(file);
        return builder.bytes(bytes).sha256(sha256(bytes)).build();
    }

    public static ModelDescriptor describe(byte[] bytes, String modelType, String name, String dataType,
                                           String description, String version) {
        return ModelDescriptor.builder(name, dataType, modelType).description(description).version(version)
                .createdAt(Instant.now()).bytes(bytes).sha256(sha256(bytes)).build();
    }

    /** Sends the descriptor under the key of its role and waits for the broker's acknowledgement. */
    public static RecordMetadata publish(KafkaProducer<String, byte[]> producer, String topic,
                                         ModelDescriptor descriptor) {
        // tag::publish-role[]
        ProducerRecord<String, byte[]> message = new ProducerRecord<>(topic,
                descriptor.slot().topicKey(),                     // "wine", "wine:shadow" or "wine:canary"
                Codecs.modelDescriptors().encode(descriptor));
        // end::publish-role[]
        return send(producer, message, descriptor.toString());
    }

    /**
     * Sends a tombstone under the slot's key, which retires that role's model (compaction then drops the key), and
     * waits for the broker's acknowledgement.
     */
    public static RecordMetadata retire(KafkaProducer<String, byte[]> producer, String topic, ModelSlotKey slot) {
        // tag::retire-role[]
        ProducerRecord<String, byte[]> tombstone = new ProducerRecord<>(topic,
                slot.topicKey(),                                  // new ModelSlotKey("wine", ModelRole.SHADOW)
                null);                                            // retires that role's model only
        // end::retire-role[]
        return send(producer, tombstone, "a tombstone for " + slot);
    }

    /**
     * Sends the messages of a role change ({@link RoleChanges}) in order, each acknowledged before the next, and
     * returns where the last one was written.
     */
    public static RecordMetadata publish(KafkaProducer<String, byte[]> producer, String topic,
                                         List<RoleChanges.Message> change) {
        RecordMetadata last = null;
        for (RoleChanges.Message message : change) {
            last = send(producer, new ProducerRecord<>(topic, message.key(), message.encoded()),
                    message.descriptor() == null ? "a tombstone under " + message.key()
                            : message.descriptor().toString());
        }
        return last;
    }

    private static RecordMetadata send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record,
                                       String what) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing " + what + " failed: " + e.getCause().getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
