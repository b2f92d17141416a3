package io.modelserving.akka.internal;

import akka.Done;
import akka.NotUsed;
import akka.japi.Pair;
import akka.kafka.ConsumerMessage;
import akka.kafka.ProducerMessage;
import akka.kafka.Subscription;
import akka.kafka.Subscriptions;
import akka.kafka.javadsl.Consumer;
import akka.kafka.javadsl.Producer;
import akka.kafka.javadsl.Transactional;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.RunnableGraph;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The data path for each delivery guarantee: an Alpakka consumer source, the serving flow, an Alpakka producer
 * sink. Each materializes the consumer's control, the stage's handle and the sink's completion.
 */
public final class KafkaPipelines {

    /** What the serving flow does for records that carry a context of type C. */
    public interface ServingFlows<I> {
        <C> Flow<Incoming<I, C>, Pair<ProducerRecord<byte[], byte[]>, C>, StageHandle> serving();

        <C> Incoming<I, C> decode(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record, C context);
    }

    /** The materialized values of a pipeline. */
    public record Materialized(Consumer.Control control, StageHandle handle, CompletionStage<Done> done) {
    }

    private KafkaPipelines() {
    }

    public static <I> RunnableGraph<Materialized> graph(KafkaServingSettings settings, ServingFlows<I> flows,
                                                        GroupMembership membership) {
        Subscription data = Subscriptions.topics(settings.topics().data()).withPartitionAssignmentHandler(membership);
        return switch (settings.deliveryGuarantee()) {
            case AT_MOST_ONCE -> atMostOnce(settings, data, flows);
            case AT_LEAST_ONCE -> atLeastOnce(settings, data, flows);
            case EXACTLY_ONCE -> exactlyOnce(settings, data, flows);
        };
    }

    /** Commits each offset before its record is processed: a crash loses what was in flight. */
    private static <I> RunnableGraph<Materialized> atMostOnce(KafkaServingSettings settings, Subscription data,
                                                            ServingFlows<I> flows) {
        return Consumer.atMostOnceSource(settings.dataConsumerSettings(), data)
                .map(record -> flows.decode(record, NotUsed.getInstance()))
                .viaMat(flows.<NotUsed>serving(), Keep.both())
                .map(Pair::first)
                .toMat(Producer.plainSink(settings.producerSettings()),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    /** Commits an offset (in batches) only after the broker acknowledged its output. */
    private static <I> RunnableGraph<Materialized> atLeastOnce(KafkaServingSettings settings, Subscription data,
                                                             ServingFlows<I> flows) {
        return Consumer.sourceWithOffsetContext(settings.dataConsumerSettings(), data).asSource()
                .map(pair -> flows.decode(pair.first(), pair.second()))
                .viaMat(flows.<ConsumerMessage.CommittableOffset>serving(), Keep.both())
                .map(pair -> Pair.create(ProducerMessage.<byte[], byte[]>single(pair.first()), pair.second()))
                .toMat(Producer.<byte[], byte[], ProducerMessage.Envelope<byte[], byte[], NotUsed>,
                                ConsumerMessage.CommittableOffset>committableSinkWithOffsetContext(
                                settings.producerSettings(), settings.committerSettings()),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    /** Outputs and offsets in one transaction per commit interval. */
    private static <I> RunnableGraph<Materialized> exactlyOnce(KafkaServingSettings settings, Subscription data,
                                                             ServingFlows<I> flows) {
        // Two live producers with one transactional id fence each other: every instance gets its own.
        String transactionalId = settings.transactionalIdPrefix() + "-" + UUID.randomUUID();
        return Transactional.sourceWithOffsetContext(settings.dataConsumerSettings(), data).asSource()
                .map(pair -> flows.decode(pair.first(), pair.second()))
                .viaMat(flows.<ConsumerMessage.PartitionOffset>serving(), Keep.both())
                .map(pair -> Pair.create(ProducerMessage.<byte[], byte[]>single(pair.first()), pair.second()))
                .toMat(Transactional.sinkWithOffsetContext(settings.producerSettings(), transactionalId),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }
}
