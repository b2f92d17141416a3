package io.modelserving.examples.cli;

import io.modelserving.ModelDescriptor;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.kafka.ModelPromotion;
import io.modelserving.examples.wine.Wine;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Makes a data type's previous model its primary again ({@link ModelPromotion#rollback}). */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Roll a data type back to its previous model: publish the model a promotion replaced "
                + "(kept under wine:previous) as primary again, keeping the current primary as the previous one.",
                "Serving loads it and swaps it in, as for any new primary; a second rollback undoes the first."})
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-type", defaultValue = Wine.DATA_TYPE, description = "Default: ${DEFAULT-VALUE}.")
    String dataType;

    @Override
    public Integer call() {
        KafkaConnection cluster = kafka.reachableCluster();
        try (KafkaProducer<String, byte[]> producer = Clients.producer(cluster)) {
            ModelPromotion.Promoted rolledBack = new ModelPromotion(cluster, kafka.modelTopic)
                    .rollback(producer, dataType);
            ModelDescriptor model = rolledBack.primary();
            RecordMetadata meta = rolledBack.metadata();
            System.out.println("Rolled " + dataType + " back to " + model.name()
                    + (model.version().isEmpty() ? "" : " version " + model.version()) + " (" + model.modelType()
                    + "): " + meta.topic() + "-" + meta.partition() + "@" + meta.offset() + " under key '"
                    + model.slot().topicKey() + "'");
        }
        return 0;
    }
}
