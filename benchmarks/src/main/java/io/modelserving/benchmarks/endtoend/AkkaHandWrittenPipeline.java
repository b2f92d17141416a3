package io.modelserving.benchmarks.endtoend;

import akka.Done;
import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.japi.Pair;
import akka.kafka.ConsumerMessage;
import akka.kafka.ProducerMessage;
import akka.kafka.Subscription;
import akka.kafka.Subscriptions;
import akka.kafka.javadsl.Consumer;
import akka.kafka.javadsl.Producer;
import akka.kafka.javadsl.Transactional;
import akka.stream.javadsl.Source;
import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.akka.javadsl.ServingSettings;
import io.modelserving.kafka.DeliveryGuarantee;
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
 * the adapter's settings (its consumer and producer; micro-batches of up to 16 records within 5 ms, the run's
 * threads as the number of batches scored at once on the materializer's dispatcher): decode, score each batch with
 * raw ONNX Runtime, encode the same envelope. No model topic.
 *
 * <p>Offsets are handled as the adapter's Kafka wiring handles them, so only the work differs: at at-least-once
 * Alpakka's offset-context source and committable sink, committing in batches (the adapter's committer settings)
 * once the outputs are acknowledged; at exactly-once Alpakka's transactional source and sink, outputs and offsets in
 * one transaction per {@code eos-commit-interval}, with the adapter's transactional id.
 */
final class AkkaHandWrittenPipeline implements Pipeline {

    private final ActorSystem system;
    private final KafkaServingSettings settings;
    private final SameWork work;
    private final String scored;
    private Consumer.DrainingControl<Done> control;

    AkkaHandWrittenPipeline(String bootstrapServers, ServingTopics topics, String groupId, Workload workload,
                            PipelineSetup setup) {
        system = AkkaServingPipeline.system();
        settings = AkkaServingPipeline.settings(system, bootstrapServers, topics, groupId, setup);
        work = new SameWork(workload.model(1));
        scored = topics.scored();
    }

    @Override
    public void start() {
        Subscription data = Subscriptions.topics(settings.topics().data());
        if (settings.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            // as the adapter: one transaction per eos-commit-interval of its producer settings, a transactional id
            // of the prefix and a random suffix (no instance id here, so no predecessor to fence)
            control = scored(Transactional.sourceWithOffsetContext(settings.dataConsumerSettings(), data).asSource())
                    .toMat(Transactional.sinkWithOffsetContext(settings.producerSettings(), settings.transactionalId()),
                            Consumer::createDrainingControl)
                    .run(system);
        } else {
            control = scored(Consumer.sourceWithOffsetContext(settings.dataConsumerSettings(), data).asSource())
                    .toMat(Producer.<byte[], byte[], ProducerMessage.Envelope<byte[], byte[], NotUsed>,
                                    ConsumerMessage.CommittableOffset>committableSinkWithOffsetContext(
                                    settings.producerSettings(), settings.committerSettings()),
                            Consumer::createDrainingControl)
                    .run(system);
        }
    }

    /** The adapter's micro-batching: batches scored {@code parallelism} at a time, outputs in input order. */
    private <C> Source<Pair<ProducerMessage.Envelope<byte[], byte[], NotUsed>, C>, Consumer.Control> scored(
            Source<Pair<ConsumerRecord<byte[], byte[]>, C>, Consumer.Control> records) {
        ServingSettings serving = settings.serving();
        Executor scoring = system.dispatcher();
        return records
                .groupedWithin(serving.batchSize(), serving.batchWindow())
                .mapAsync(serving.parallelism(), batch -> CompletableFuture.supplyAsync(() -> serve(batch), scoring))
                .mapConcat(outputs -> outputs);
    }

    /** Decode, score as one batch, encode: one envelope per record, each with its offset. */
    private <C> List<Pair<ProducerMessage.Envelope<byte[], byte[], NotUsed>, C>> serve(
            List<Pair<ConsumerRecord<byte[], byte[]>, C>> batch) {
        List<Features> inputs = new ArrayList<>(batch.size());
        for (Pair<ConsumerRecord<byte[], byte[]>, C> element : batch) {
            inputs.add(work.decode(element.first().value()));
        }
        long start = System.nanoTime();
        List<Prediction> predictions = work.score(inputs);
        long nanos = (System.nanoTime() - start) / inputs.size();
        List<Pair<ProducerMessage.Envelope<byte[], byte[], NotUsed>, C>> outputs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = batch.get(i).first();
            byte[] envelope = work.envelope(inputs.get(i), record.value(), predictions.get(i), nanos,
                    new ScoredRecord.Origin(record.topic(), record.partition(), record.offset(), record.timestamp()));
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
