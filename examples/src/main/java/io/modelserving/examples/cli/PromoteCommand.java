package io.modelserving.examples.cli;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelRole;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.kafka.ModelPromotion;
import io.modelserving.examples.wine.Wine;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Makes a data type's shadow or canary its primary model ({@link ModelPromotion}). */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Promote a data type's shadow or canary to primary: publish the newest model under its key "
                + "(wine:shadow, wine:canary) again, as primary, under the data type's key (wine).",
                "Serving moves the model it already holds to primary at once; the role it came from becomes empty."})
final class PromoteCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-type", defaultValue = Wine.DATA_TYPE, description = "Default: ${DEFAULT-VALUE}.")
    String dataType;

    @Option(names = "--from", paramLabel = "ROLE",
            description = "shadow or canary (an ensemble is not promoted: publish a member as the primary). "
                    + "Default: whichever of the two the data type has.")
    String from;

    @Override
    public Integer call() {
        Optional<ModelRole> role = Optional.ofNullable(from).map(this::promotable);
        KafkaConnection cluster = kafka.reachableCluster();
        try (KafkaProducer<String, byte[]> producer = Clients.producer(cluster)) {
            ModelPromotion.Promoted promoted = new ModelPromotion(cluster, kafka.modelTopic)
                    .promote(producer, dataType, role);
            ModelDescriptor model = promoted.candidate();
            RecordMetadata meta = promoted.metadata();
            System.out.println("Promoted the " + model.role().label() + " " + model.name()
                    + (model.version().isEmpty() ? "" : " version " + model.version()) + " (" + model.modelType()
                    + ") of " + dataType + " to primary: " + meta.topic() + "-" + meta.partition() + "@"
                    + meta.offset() + " under key '" + promoted.primary().slot().topicKey() + "'");
        }
        return 0;
    }

    private ModelRole promotable(String text) {
        ModelRole role = RoleOption.named("--from", text);
        try {
            return ModelPromotion.requirePromotable(role);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--from '" + text + "': " + e.getMessage(), e);
        }
    }
}
