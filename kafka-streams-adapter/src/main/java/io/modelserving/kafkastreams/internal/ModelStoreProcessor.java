package io.modelserving.kafkastreams.internal;

import io.modelserving.ModelDescriptor;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The global processor of the model topic: keeps the latest descriptor of each data type in the global store
 * and hands every model to the {@link ModelLoader}. Kafka Streams runs it on every instance, and replays the
 * topic through it when it restores the store, so a restarted instance loads its models again.
 */
public final class ModelStoreProcessor implements Processor<byte[], byte[], Void, Void> {

    private final String storeName;
    private final ModelLoader<?, ?> loader;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    public ModelStoreProcessor(String storeName, ModelLoader<?, ?> loader) {
        this.storeName = storeName;
        this.loader = loader;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // Whatever the store already holds (restored before this processor starts) must be served too.
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                Decoded<ModelDescriptor> decoded = Codecs.modelDescriptors().decode(entry.value);
                if (decoded.isValue()) {
                    loader.submit(decoded.get(), entry.key.getBytes(StandardCharsets.UTF_8), entry.value, null);
                }
            }
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ScoredRecord.Origin origin = context.recordMetadata()
                .map(m -> new ScoredRecord.Origin(m.topic(), m.partition(), m.offset())).orElse(null);
        if (record.value() == null) {
            // A tombstone removes the model of the data type named by the key.
            if (record.key() != null) {
                String dataType = new String(record.key(), StandardCharsets.UTF_8);
                store.delete(dataType);
                loader.remove(dataType);
            }
            return;
        }
        Decoded<ModelDescriptor> decoded = Codecs.modelDescriptors().decode(record.value());
        if (!decoded.isValue()) {
            loader.undecodable(record.key(), record.value(), origin, decoded.reason());
            return;
        }
        ModelDescriptor descriptor = decoded.get();
        store.put(descriptor.dataType(), record.value());
        loader.submit(descriptor, record.key(), record.value(), origin);
    }
}
