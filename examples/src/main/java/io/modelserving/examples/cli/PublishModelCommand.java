package io.modelserving.examples.cli;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelRole;
import io.modelserving.PromotionRule;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.wine.Wine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The model-training side: publishes a model file to the model topic, as its data type's primary, shadow or
 * canary, under that role's key; or an ensemble of model files ({@link EnsembleOptions}) under the ensemble's key.
 *
 * <p>{@code --file} and {@code --type} are required except for an ensemble, which has no content of its own (its
 * members take {@code --type} as their default type), so the command checks them itself, as picocli would.
 *
 * <p>Its {@code --version} is the model's version label, so it declares {@code --help} itself: picocli silently
 * leaves out the standard help options of a command that has an option of the same name.
 */
@Command(name = "publish-model",
        description = {"Publish a model (a file as bytes, a SavedModel directory as its location) to the model topic.",
                "With --role ensemble, publish an ensemble instead: its --member models score every record the "
                        + "primary scores, at once, and its --decider picks the served answer within --deadline-ms."})
final class PublishModelCommand implements Callable<Integer> {

    /** The least agreement of a shadow's rule when --min-agreement is not given. */
    static final double DEFAULT_MIN_AGREEMENT = 0.99;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    EnsembleOptions ensemble;

    @Option(names = "--file", description = "Model file, or a SavedModel directory. Required except for an ensemble.")
    Path file;

    @Option(names = "--type", description = "Model type: onnx, pmml, tensorflow, tensorflow-saved, … Required except "
            + "for an ensemble, whose members take it when they name none.")
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
            description = "primary, shadow (scores beside the primary, never served), canary:PERCENT (serves that "
                    + "share of the keys, e.g. canary:5%%) or ensemble (--member models beside the primary). "
                    + "Default: ${DEFAULT-VALUE}.")
    String role;

    @Option(names = "--promote-after", paramLabel = "N",
            description = "With --role shadow or canary: promote it by rule once N records were compared with at "
                    + "least --min-agreement agreement (a canary: once it served N records), and a p99 within "
                    + "--max-p99-ms when given.")
    Long promoteAfter;

    @Option(names = "--min-agreement", paramLabel = "SHARE",
            description = "A shadow's rule's least agreement, 0 to 1. Default: " + DEFAULT_MIN_AGREEMENT + ".")
    Double minAgreement;

    @Option(names = "--max-p99-ms", defaultValue = "0", paramLabel = "MS",
            description = "The rule's slowest p99 scoring time in ms; 0 for any. Default: ${DEFAULT-VALUE}.")
    long maxP99Millis;

    @Option(names = "--retire-after-failures", defaultValue = "0", paramLabel = "N",
            description = "The rule retires the shadow or canary after N failures (a shadow's timeouts too); "
                    + "a canary retired so is rolled back, its keys served by the primary again. 0 for never. "
                    + "Default: ${DEFAULT-VALUE}.")
    long retireAfterFailures;

    @Override
    public Integer call() throws Exception {
        RoleOption chosen = RoleOption.parse("--role", role);
        ModelDescriptor descriptor = chosen.role() == ModelRole.ENSEMBLE ? describeEnsemble() : describe(chosen);
        try (KafkaProducer<String, byte[]> producer = Clients.producer(kafka.reachableCluster())) {
            RecordMetadata meta = ModelPublisher.publish(producer, kafka.modelTopic, descriptor);
            System.out.println("Published " + descriptor + " to " + meta.topic() + "-" + meta.partition() + "@"
                    + meta.offset() + " under key '" + descriptor.slot().topicKey() + "'");
        }
        return 0;
    }

    private ModelDescriptor describe(RoleOption chosen) throws IOException {
        ensemble.refuseFor(chosen.text());
        requireFileAndType();
        Checks.exists("--file", file);
        ModelDescriptor descriptor = chosen.apply("--role",
                ModelPublisher.describe(file, type, name, dataType, description, version));
        return promoteAfter == null ? descriptor : withRule(descriptor);
    }

    private ModelDescriptor describeEnsemble() throws IOException {
        if (file != null) {
            throw new IllegalArgumentException("--file does not apply to --role ensemble, which has no content of "
                    + "its own: give each member's file with --member " + MemberOption.FORM);
        }
        if (promoteAfter != null) {
            throw new IllegalArgumentException("--promote-after does not apply to --role ensemble: an ensemble is "
                    + "never promoted");
        }
        return ensemble.describe(name, dataType, description, version, type);
    }

    /** The options picocli would require, were an ensemble not without them. */
    private void requireFileAndType() {
        List<ArgSpec> missing = new ArrayList<>();
        if (file == null) {
            missing.add(spec.findOption("--file"));
        }
        if (type == null) {
            missing.add(spec.findOption("--type"));
        }
        if (!missing.isEmpty()) {
            List<String> names = missing.stream()
                    .map(o -> "'" + ((OptionSpec) o).longestName() + "=" + o.paramLabel() + "'").toList();
            throw new CommandLine.MissingParameterException(spec.commandLine(), missing, "Missing required option"
                    + (names.size() > 1 ? "s: " : ": ") + String.join(", ", names)
                    + " (or --role ensemble with --member)");
        }
    }

    private ModelDescriptor withRule(ModelDescriptor descriptor) {
        if (descriptor.role() == ModelRole.CANARY && minAgreement != null) {
            throw new IllegalArgumentException("--min-agreement does not apply to a canary, which is not compared "
                    + "with anything: its rule judges the records it served, their p99 and its failures");
        }
        double agreement = descriptor.role() == ModelRole.CANARY ? 0
                : minAgreement == null ? DEFAULT_MIN_AGREEMENT : minAgreement;
        try {
            PromotionRule rule = new PromotionRule(promoteAfter, agreement, Duration.ofMillis(maxP99Millis),
                    retireAfterFailures);
            return new ModelDescriptor(descriptor.name(), descriptor.description(), descriptor.dataType(),
                    descriptor.modelType(), descriptor.version(), descriptor.createdAt(), descriptor.sha256(),
                    descriptor.payload(), descriptor.role(), descriptor.canaryPercent(), rule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--promote-after: " + e.getMessage(), e);
        }
    }
}
