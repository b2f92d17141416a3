package io.modelserving.examples.cli;

import io.modelserving.ModelDescriptor;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.wine.Wine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The model-training side: publishes a model file to the model topic.
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

    @Override
    public Integer call() throws Exception {
        Checks.exists("--file", file);
        ModelDescriptor descriptor = ModelPublisher.describe(file, type, name, dataType, description, version);
        try (KafkaProducer<String, byte[]> producer = Clients.producer(kafka.reachableCluster())) {
            RecordMetadata meta = ModelPublisher.publish(producer, kafka.modelTopic, descriptor);
            System.out.println("Published " + descriptor + " to " + meta.topic() + "-" + meta.partition() + "@" + meta.offset());
        }
        return 0;
    }
}
