package io.modelserving.benchmarks.endtoend;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.benchmarks.OnnxModels;
import io.modelserving.benchmarks.Records;
import io.modelserving.codec.Codecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The data and models of one {@link WorkloadKind}: encoded {@link Features} and ONNX models over them, the same for
 * every pipeline of a run.
 *
 * <pre>{@code
 * Workload ffnn = Workload.of(WorkloadKind.FFNN);
 * System.out.println(ffnn.modelSource());   // which network was used: the Crayfish file, or one built in code
 * }</pre>
 */
final class Workload {

    /** Where the Crayfish FFNN lies, relative to the repository's root (see its SOURCES.md). */
    static final Path CRAYFISH_FFNN = Path.of("..", "shared", "data", "crayfish-ffnn", "model-ffnn.onnx");
    // Distinct records to cycle through; more would only cost memory.
    private static final int DISTINCT = 1_000;

    private final WorkloadKind kind;
    private final String dataType;
    private final String modelSource;
    private final IntFunction<byte[]> modelBytes;
    private final List<byte[]> values;

    private Workload(WorkloadKind kind, String dataType, String modelSource, IntFunction<byte[]> modelBytes,
                     List<Features> records) {
        this.kind = kind;
        this.dataType = dataType;
        this.modelSource = modelSource;
        this.modelBytes = modelBytes;
        this.values = records.stream().map(Codecs.features()::encode).toList();
    }

    /** The workload of {@code kind}; for FFNN, Crayfish's own model file when it is found, else a built twin. */
    static Workload of(WorkloadKind kind) {
        return switch (kind) {
            case WINE -> new Workload(kind, "wine",
                    "linear model over 11 features, built in code (OnnxModels.linear)", Workload::linear,
                    Records.wines(DISTINCT, 7));
            case FFNN -> ffnn(findCrayfishFfnn());
        };
    }

    /** The FFNN workload with the Crayfish model file, or with a network of its shape built in code when empty. */
    static Workload ffnn(Optional<Path> crayfishModel) {
        List<Features> records = Records.uniform("ffnn", DISTINCT, OnnxModels.FFNN_LAYERS[0], 7);
        if (crayfishModel.isPresent()) {
            byte[] bytes = read(crayfishModel.get());
            // one network for every version: a swap loads the same bytes again, under a new version
            return new Workload(WorkloadKind.FFNN, "ffnn", "Crayfish model-ffnn.onnx (" + crayfishModel.get()
                    + ")", version -> bytes, records);
        }
        return new Workload(WorkloadKind.FFNN, "ffnn", "784-32-32-32-32-10 network built in code (OnnxModels.ffnn; "
                + CRAYFISH_FFNN + " not found)", version -> OnnxModels.ffnn(100 + version), records);
    }

    /**
     * The Crayfish FFNN file, looked for as {@link #CRAYFISH_FFNN} from the working directory and each of its
     * parents (the harness runs from the repository's root, its test from the module's directory).
     */
    static Optional<Path> findCrayfishFfnn() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(CRAYFISH_FFNN).normalize();
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    WorkloadKind kind() {
        return kind;
    }

    String dataType() {
        return dataType;
    }

    /** Which model the workload scores with, for the report. */
    String modelSource() {
        return modelSource;
    }

    /** The value of the {@code i}-th data record. */
    byte[] value(long i) {
        return values.get((int) (i % DISTINCT));
    }

    /** The key of the {@code i}-th data record: distinct keys spread records over the partitions. */
    static byte[] key(long i) {
        return Long.toString(i).getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code i} of a {@link #key(long)}, as outputs keep their input's key; -1 for any other key. */
    static long index(byte[] key) {
        try {
            return key == null ? -1 : Long.parseLong(new String(key, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Model {@code version} of this workload's data type; versions differ in their version and description. */
    ModelDescriptor model(int version) {
        return ModelDescriptor.builder(kind.label(), dataType, "onnx").version(Integer.toString(version))
                .description(kind.label() + " model " + version).bytes(modelBytes.apply(version)).build();
    }

    /**
     * Large model {@code version} of this workload's data type: a wide network of the small model's input and
     * output ({@link #largeModelSource()}), about {@link OnnxModels#LARGE_MODEL_BYTES} of ONNX, new weights for
     * each version, so each swap moves and loads a new 10 MB model.
     */
    ModelDescriptor largeModel(int version) {
        byte[] bytes = switch (kind) {
            case WINE -> OnnxModels.wide(Records.WINE_FEATURES.size(), OnnxModels.LARGE_MODEL_BYTES, 100 + version);
            case FFNN -> OnnxModels.wideFfnn(OnnxModels.LARGE_MODEL_BYTES, 100 + version);
        };
        return ModelDescriptor.builder(kind.label(), dataType, "onnx").version(Integer.toString(version))
                .description(kind.label() + " large model " + version).bytes(bytes).build();
    }

    /** Which network {@link #largeModel} builds and its size, for the report. */
    String largeModelSource() {
        int inputs = kind == WorkloadKind.WINE ? Records.WINE_FEATURES.size() : OnnxModels.FFNN_LAYERS[0];
        int outputs = kind == WorkloadKind.WINE ? 1 : OnnxModels.FFNN_LAYERS[OnnxModels.FFNN_LAYERS.length - 1];
        int width = OnnxModels.hiddenWidth(inputs, outputs, OnnxModels.LARGE_MODEL_BYTES);
        return String.format(Locale.ROOT, "%d-%d-%d-%d network built in code (OnnxModels.%s), %.1f MB of ONNX",
                inputs, width, width, outputs, kind == WorkloadKind.WINE ? "wide" : "wideFfnn",
                OnnxModels.LARGE_MODEL_BYTES / 1e6);
    }

    /** The ONNX bytes of model {@code version}. */
    byte[] modelBytes(int version) {
        return modelBytes.apply(version);
    }

    /** A linear model over the 11 wine features whose weights and bias depend on {@code version}. */
    private static byte[] linear(int version) {
        double[] w = Records.weights(Records.WINE_FEATURES.size(), 100 + version);
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        return OnnxModels.linear(weights, 0.1f * version);
    }

    /** Publishes a model (key = data type) and waits for the broker's acknowledgement. */
    static RecordMetadata publish(KafkaProducer<byte[], byte[]> producer, String topic, ModelDescriptor model) {
        try {
            return producer.send(new ProducerRecord<>(topic, model.dataType().getBytes(StandardCharsets.UTF_8),
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

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Crayfish FFNN at " + file, e);
        }
    }
}
