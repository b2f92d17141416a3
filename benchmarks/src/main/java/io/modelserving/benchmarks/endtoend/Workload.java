package io.modelserving.benchmarks.endtoend;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.benchmarks.OnnxModels;
import io.modelserving.benchmarks.Records;
import io.modelserving.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The data and models every run uses: encoded wine {@link Features} and linear ONNX models over them. */
final class Workload {

    static final String DATA_TYPE = "wine";
    static final String MODEL_NAME = "linear";
    // Distinct records to cycle through; more would only cost memory.
    private static final int DISTINCT = 1_000;

    private final List<byte[]> values;

    Workload() {
        values = Records.wines(DISTINCT, 7).stream().map(Codecs.features()::encode).toList();
    }

    /** The value of the {@code i}-th data record. */
    byte[] value(long i) {
        return values.get((int) (i % DISTINCT));
    }

    /** The key of the {@code i}-th data record: distinct keys spread records over the partitions. */
    static byte[] key(long i) {
        return Long.toString(i).getBytes(StandardCharsets.UTF_8);
    }

    /** A linear model over the 11 features whose weights and bias depend on {@code version}. */
    static ModelDescriptor model(int version) {
        double[] w = Records.weights(Records.WINE_FEATURES.size(), 100 + version);
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        return ModelDescriptor.builder(MODEL_NAME, DATA_TYPE, "onnx").version(Integer.toString(version))
                .description("linear model " + version).bytes(OnnxModels.linear(weights, 0.1f * version)).build();
    }

    /** Publishes a model (key = data type) and waits for the broker's acknowledgement. */
    static RecordMetadata publish(KafkaProducer<byte[], byte[]> producer, String topic, ModelDescriptor model) {
        try {
            return producer.send(new ProducerRecord<>(topic, DATA_TYPE.getBytes(StandardCharsets.UTF_8),
                    Codecs.modelDescriptors().encode(model))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + model, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing " + model + " failed: " + e.getCause(), e);
        }
    }

    /** Writes {@code count} data records with one producer and waits until all are acknowledged. */
    void preload(Properties producerProperties, String topic, int count) {
        Properties props = new Properties();
        props.putAll(producerProperties);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, key(i), value(i)));
            }
            producer.flush();
        }
    }
}
