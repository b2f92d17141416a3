package io.modelserving.kafkastreams.internal;

import io.modelserving.ScoredRecord;
import io.modelserving.kafka.InputRecord;
import io.modelserving.kafka.ModelMessages;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The global processor of the model topic: hands every message to the core's {@link ModelMessages} and keeps
 * the latest message of each data type in the global store. Kafka Streams runs it on every instance, and replays
 * the topic through it when it restores the store, so a restarted instance loads its models again.
 */
public final class ModelStoreProcessor implements Processor<byte[], byte[], Void, Void> {

    private final String storeName;
    private final ModelMessages models;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    public ModelStoreProcessor(String storeName, ModelMessages models) {
        this.storeName = storeName;
        this.models = models;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ScoredRecord.Origin origin = context.recordMetadata()
                .map(m -> new ScoredRecord.Origin(m.topic(), m.partition(), m.offset(), record.timestamp()))
                .orElse(new ScoredRecord.Origin("", -1, -1));
        models.accept(new InputRecord(record.key(), record.value(), record.headers(), origin));
        if (record.key() != null) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                store.delete(key);
            } else {
                store.put(key, record.value());
            }
        }
    }
}
