package io.modelserving.examples.cli;

import io.modelserving.ModelDescriptor;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.wine.Wine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The model-training side: publishes a model file to the model topic. */
@Command(name = "publish-model", mixinStandardHelpOptions = true,
        description = "Publish a model (a file as bytes, a SavedModel directory as its location) to the model topic.")
final class PublishModelCommand implements Callable<Integer> {

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
        if (!Files.exists(file)) {
            System.err.println("No such file: " + file);
            return 2;
        }
        ModelDescriptor descriptor = ModelPublisher.describe(file, type, name, dataType, description, version);
        try (KafkaProducer<String, byte[]> producer = Clients.producer(kafka.cluster())) {
            RecordMetadata meta = ModelPublisher.publish(producer, kafka.modelTopic, descriptor);
            System.out.println("Published " + descriptor + " to " + meta.topic() + "-" + meta.partition() + "@" + meta.offset());
        }
        return 0;
    }
}
