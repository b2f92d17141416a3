package io.modelserving.contract;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.testkit.KafkaHelpers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Helpers of the contract scenarios: writing models and data, reading outputs, waiting. */
final class ContractSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ContractSupport() {
    }

    /** Publishes {@code model} under the model-topic key of its role: its data type for a primary. */
    static void publish(KafkaHelpers kafka, String topic, ModelDescriptor model) {
        kafka.produce(topic, bytes(model.slot().topicKey()), Codecs.modelDescriptors().encode(model));
    }

    /**
     * Writes records {@code from} (inclusive) to {@code to} (exclusive) in {@code format}, with keys {@code "k<i>"}
     * and the features {@code i} and {@code i * 0.5}.
     */
    static void produceRange(KafkaHelpers kafka, String topic, RecordFormat format, String dataType, int from,
                             int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            records.add(new ProducerRecord<>(topic, bytes("k" + i),
                    format.features().encode(Features.positional(dataType, i, i * 0.5))));
        }
        kafka.produceAll(records);
    }

    /** The scored envelope a record of the scored topic holds in {@code format}; fails the test when it holds none. */
    static ScoredRecord<Features, Prediction> decode(RecordFormat format, ConsumerRecord<byte[], byte[]> record) {
        Decoded<ScoredRecord<Features, Prediction>> decoded = format.scoredRecords().decode(record.value());
        if (!decoded.isValue()) {
            throw new AssertionError("scored topic holds a record that is no " + format + " envelope: "
                    + decoded.reason());
        }
        return decoded.get();
    }

    static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        return DeadLetter.fromHeaders(record.headers())
                .orElseThrow(() -> new AssertionError("dead letter without a kind header: " + key(record)));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}, saying how far it got when it times out. */
    static void await(String what, BooleanSupplier condition, Supplier<String> progress) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + TIMEOUT + " waiting for " + what + " "
                        + progress.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    static void awaitModel(ServingInstance instance, String dataType, String name) {
        await("model " + name + " for " + dataType, () -> {
            var model = instance.currentModels().get(dataType);
            return model != null && model.name().equals(name);
        });
    }
}
