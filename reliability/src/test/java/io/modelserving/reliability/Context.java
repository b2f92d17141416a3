package io.modelserving.reliability;

import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.training.OnnxWineModel;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineGenerator;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;

/** What the scenarios share: the broker process, a work directory, the model they publish, the report. */
final class Context implements AutoCloseable {

    final Broker broker;
    final Path dir;
    final Report report;
    private final byte[] model = OnnxWineModel.train(new WineGenerator(5).rows(1_000), 5).onnxBytes();
    private final KafkaProducer<String, byte[]> producer;

    Context(Broker broker, Path dir, Report report) {
        this.broker = broker;
        this.dir = dir;
        this.report = report;
        this.producer = Clients.producer(broker.servers());
    }

    /** Topics and a directory of the scenario's own, and what its serve processes share. */
    Serve.Setup setup(String scenario, String engine, String guarantee) {
        String name = scenario + "-" + engine + "-" + guarantee;
        Topics topics = Topics.of(name);
        TopicSetup.ensure(broker.servers(), topics.topics());
        return new Serve.Setup(broker.servers(), topics, engine, guarantee, name, dir.resolve(name));
    }

    /** Publishes the wine model as version {@code version} and waits for the broker's acknowledgement. */
    void publishModel(Serve.Setup setup, int version) {
        ModelPublisher.publish(producer, setup.topics().topics().models(), ModelPublisher.describe(model, "onnx",
                "wine-onnx", Wine.DATA_TYPE, "reliability suite", Integer.toString(version)));
    }

    KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close();
    }
}
