package io.modelserving.examples.cli;

import io.modelserving.ModelSlotKey;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.wine.Wine;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Retires one role's model of a data type with a tombstone under that role's key. */
@Command(name = "retire", mixinStandardHelpOptions = true,
        description = {"Retire a data type's shadow, canary, ensemble or primary model: publish a tombstone under the "
                + "role's key (wine:shadow, wine:canary, wine:ensemble, wine). The other roles keep their models; "
                + "retiring an ensemble retires all its members, and the primary alone serves again.",
                "Retiring the primary leaves the data type without one: records wait, or go to the dead-letter topic, "
                        + "as the serving's no-model policy says."})
final class RetireCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-type", defaultValue = Wine.DATA_TYPE, description = "Default: ${DEFAULT-VALUE}.")
    String dataType;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "shadow, canary, ensemble or primary.")
    String role;

    @Override
    public Integer call() {
        ModelSlotKey slot = new ModelSlotKey(dataType, RoleOption.named("--role", role));
        try (KafkaProducer<String, byte[]> producer = Clients.producer(kafka.reachableCluster())) {
            RecordMetadata meta = ModelPublisher.retire(producer, kafka.modelTopic, slot);
            System.out.println("Retired the " + slot.role().label() + " of " + dataType + ": a tombstone under key '"
                    + slot.topicKey() + "' at " + meta.topic() + "-" + meta.partition() + "@" + meta.offset());
        }
        return 0;
    }
}
