package io.modelserving.examples.kafka;

import io.modelserving.ModelDescriptor;
import io.modelserving.codec.Codecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes models to the model topic, keyed by data type so that a compacted topic keeps the latest model
 * of each. A file is sent as bytes with its SHA-256; a directory (a TensorFlow SavedModel) is sent as its
 * absolute location, which the serving side reads only from its allowed model directories.
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

    /** Sends the descriptor and waits for the broker's acknowledgement. */
    public static RecordMetadata publish(KafkaProducer<String, byte[]> producer, String topic,
                                         ModelDescriptor descriptor) {
        try {
            return producer.send(new ProducerRecord<>(topic, descriptor.dataType(),
                    Codecs.modelDescriptors().encode(descriptor))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + descriptor, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing " + descriptor + " failed: " + e.getCause().getMessage(), e);
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
