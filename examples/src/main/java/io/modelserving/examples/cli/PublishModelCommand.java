package io.modelserving.examples.cli;

import io.modelserving.ModelDescriptor;
import io.modelserving.PromotionRule;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.wine.Wine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The model-training side: publishes a model file to the model topic, as its data type's primary, shadow or
 * canary, under that role's key.
 *
 * <p>Its {@code --version} is the model's version label, so it declares {@code --help} itself: picocli silently
 * leaves out the standard help options of a command that has an option of the same name.
 */
@Command(name = "publish-model",
        description = "Publish a model (a file as bytes, a SavedModel directory as its location) to the model topic.")
final class PublishModelCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--file", required = true, description = "Model file, or a SavedModel directory.")
    Path file;

    @Option(names = "--type", required = true, description = "Model type: onnx, pmml, tensorflow, tensorflow-saved, …")
    String type;

    @Option(names = "--name", required = true, description = "Model name.")
    String name;

    @Option(names = "--data-type", defaultValue = Wine.DATA_TYPE, description = "Data type it serves. Default: ${DEFAULT-VALUE}.")
    String dataType;

    @Option(names = "--description", defaultValue = "", description = "Free text.")
    String description;

    @Option(names = "--version", defaultValue = "", description = "Version label.")
    String version;

    @Option(names = "--role", defaultValue = "primary", paramLabel = "ROLE",
            description = "primary, shadow (scores beside the primary, never served) or canary:PERCENT (serves that "
                    + "share of the keys, e.g. canary:5%%). Default: ${DEFAULT-VALUE}.")
    String role;

    @Option(names = "--promote-after", paramLabel = "N",
            description = "With --role shadow: promote it by rule once N records were compared with at least "
                    + "--min-agreement agreement (and a p99 within --max-p99-ms, when given).")
    Long promoteAfter;

    @Option(names = "--min-agreement", defaultValue = "0.99", paramLabel = "SHARE",
            description = "The rule's least agreement, 0 to 1. Default: ${DEFAULT-VALUE}.")
    double minAgreement;

    @Option(names = "--max-p99-ms", defaultValue = "0", paramLabel = "MS",
            description = "The rule's slowest p99 scoring time in ms; 0 for any. Default: ${DEFAULT-VALUE}.")
    long maxP99Millis;

    @Option(names = "--retire-after-failures", defaultValue = "0", paramLabel = "N",
            description = "The rule retires the shadow after N failures or timeouts; 0 for never. "
                    + "Default: ${DEFAULT-VALUE}.")
    long retireAfterFailures;

    @Override
    public Integer call() throws Exception {
        Checks.exists("--file", file);
        RoleOption chosen = RoleOption.parse("--role", role);
        ModelDescriptor descriptor = chosen.apply("--role",
                ModelPublisher.describe(file, type, name, dataType, description, version));
        if (promoteAfter != null) {
            descriptor = withRule(descriptor);
        }
        try (KafkaProducer<String, byte[]> producer = Clients.producer(kafka.reachableCluster())) {
            RecordMetadata meta = ModelPublisher.publish(producer, kafka.modelTopic, descriptor);
            System.out.println("Published " + descriptor + " to " + meta.topic() + "-" + meta.partition() + "@"
                    + meta.offset() + " under key '" + descriptor.slot().topicKey() + "'");
        }
        return 0;
    }

    private ModelDescriptor withRule(ModelDescriptor descriptor) {
        try {
            PromotionRule rule = new PromotionRule(promoteAfter, minAgreement, Duration.ofMillis(maxP99Millis),
                    retireAfterFailures);
            return new ModelDescriptor(descriptor.name(), descriptor.description(), descriptor.dataType(),
                    descriptor.modelType(), descriptor.version(), descriptor.createdAt(), descriptor.sha256(),
                    descriptor.payload(), descriptor.role(), descriptor.canaryPercent(), rule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--promote-after: " + e.getMessage(), e);
        }
    }
}
