package io.modelserving.benchmarks.endtoend;

import akka.Done;
import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.japi.Pair;
import akka.kafka.ConsumerMessage;
import akka.kafka.ProducerMessage;
import akka.kafka.Subscriptions;
import akka.kafka.javadsl.Consumer;
import akka.kafka.javadsl.Producer;
import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.akka.javadsl.ServingSettings;
import io.modelserving.kafka.ServingTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Same-work baseline for the Akka Streams adapter: a hand-written Alpakka Kafka graph doing the adapter's work with
 * the adapter's settings (its consumer, producer and committer; micro-batches of up to 16 records within 5 ms, 2
 * batches scored at once on the materializer's dispatcher; offsets committed in batches once their outputs are
 * acknowledged): decode, score each batch with raw ONNX Runtime, encode the same envelope. No model topic.
 */
final class AkkaHandWrittenPipeline implements Pipeline {

    private final ActorSystem system;
    private final KafkaServingSettings settings;
    private final SameWork work;
    private final String scored;
    private Consumer.DrainingControl<Done> control;

    AkkaHandWrittenPipeline(String bootstrapServers, ServingTopics topics, String groupId, Workload workload) {
        system = AkkaServingPipeline.system();
        settings = AkkaServingPipeline.settings(system, bootstrapServers, topics, groupId);
        work = new SameWork(workload.model(1));
        scored = topics.scored();
    }

    @Override
    public void start() {
        ServingSettings serving = settings.serving();
        Executor scoring = system.dispatcher();
        control = Consumer.sourceWithOffsetContext(settings.dataConsumerSettings(),
                        Subscriptions.topics(settings.topics().data()))
                .asSource()
                .groupedWithin(serving.batchSize(), serving.batchWindow())
                .mapAsync(serving.parallelism(), batch -> CompletableFuture.supplyAsync(() -> serve(batch), scoring))
                .mapConcat(outputs -> outputs)
                .toMat(Producer.<byte[], byte[], ProducerMessage.Envelope<byte[], byte[], NotUsed>,
                                ConsumerMessage.CommittableOffset>committableSinkWithOffsetContext(
                                settings.producerSettings(), settings.committerSettings()),
                        Consumer::createDrainingControl)
                .run(system);
    }

    /** Decode, score as one batch, encode: one envelope per record, each with its offset. */
    private List<Pair<ProducerMessage.Envelope<byte[], byte[], NotUsed>, ConsumerMessage.CommittableOffset>> serve(
            List<Pair<ConsumerRecord<byte[], byte[]>, ConsumerMessage.CommittableOffset>> batch) {
        List<Features> inputs = new ArrayList<>(batch.size());
        for (Pair<ConsumerRecord<byte[], byte[]>, ConsumerMessage.CommittableOffset> element : batch) {
            inputs.add(work.decode(element.first().value()));
        }
        long start = System.nanoTime();
        List<Prediction> predictions = work.score(inputs);
        long nanos = (System.nanoTime() - start) / inputs.size();
        List<Pair<ProducerMessage.Envelope<byte[], byte[], NotUsed>, ConsumerMessage.CommittableOffset>> outputs =
                new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = batch.get(i).first();
            byte[] envelope = work.envelope(inputs.get(i), predictions.get(i), nanos, new ScoredRecord.Origin(
                    record.topic(), record.partition(), record.offset(), record.timestamp()));
            outputs.add(Pair.create(ProducerMessage.single(new ProducerRecord<>(scored, record.key(), envelope)),
                    batch.get(i).second()));
        }
        return outputs;
    }

    @Override
    public void close() {
        try {
            if (control != null) {
                control.drainAndShutdown(system.dispatcher()).toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("The hand-written Akka graph did not stop cleanly: " + e, e);
        } finally {
            work.close();
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the JVM exits after the run anyway; the next run uses a new system
            }
        }
    }
}
