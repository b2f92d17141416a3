package io.modelserving.akka.internal.kafka;

import akka.Done;
import akka.NotUsed;
import akka.japi.Pair;
import akka.kafka.ConsumerMessage;
import akka.kafka.ProducerMessage;
import akka.kafka.javadsl.Consumer;
import akka.kafka.javadsl.Producer;
import akka.kafka.javadsl.Transactional;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.RunnableGraph;
import io.modelserving.akka.javadsl.KafkaServing;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.akka.javadsl.ServingControl;
import io.modelserving.kafka.DeliveryGuarantee;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path for each delivery guarantee: an Alpakka consumer source, {@link KafkaServing#flowWithContext()},
 * an Alpakka producer sink. Each materializes the consumer's control, the serving control and the sink's
 * completion.
 */
public final class KafkaPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPipelines.class);

    /** The materialized values of a pipeline. */
    public record Materialized(Consumer.Control control, ServingControl serving, CompletionStage<Done> done) {
    }

    /** The most records of one at-most-once commit. */
    static final int AT_MOST_ONCE_BATCH = 500;

    private KafkaPipelines() {
    }

    /**
     * The pipeline of the settings' guarantee, its clients' metrics bound with {@code metrics}; not the
     * transactional producer's, since Alpakka creates its transactional producers itself.
     */
    public static RunnableGraph<Materialized> graph(KafkaServingSettings settings, KafkaServing<?, ?> serving,
                                                    ClientMetrics metrics) {
        KafkaServingSettings bound = settings.withConsumerSettings(metrics.bind(settings.dataConsumerSettings()));
        if (settings.deliveryGuarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
            bound = bound.withProducerSettings(metrics.bind(settings.producerSettings()));
        }
        return graph(bound, serving);
    }

    private static RunnableGraph<Materialized> graph(KafkaServingSettings settings, KafkaServing<?, ?> serving) {
        return switch (settings.deliveryGuarantee()) {
            case AT_MOST_ONCE -> atMostOnce(settings, serving);
            case AT_LEAST_ONCE -> atLeastOnce(settings, serving);
            case EXACTLY_ONCE -> exactlyOnce(settings, serving);
        };
    }

    /**
     * Commits the offsets of each batch of records before any of them is processed: a crash loses what was in
     * flight, never writes an output twice. Batches are what the consumer has ready (up to
     * {@value #AT_MOST_ONCE_BATCH} records), so a commit per batch, not per record, sets the pace. An output of a
     * partition this instance no longer owns is not written (its new owner may have read the record already, so
     * writing it could duplicate it).
     */
    private static RunnableGraph<Materialized> atMostOnce(KafkaServingSettings settings, KafkaServing<?, ?> serving) {
        return Consumer.committableSource(settings.dataConsumerSettings(), serving.dataSubscription())
                .batch(AT_MOST_ONCE_BATCH, AtMostOnceBatch::new, AtMostOnceBatch::add)
                .mapAsync(1, batch -> batch.commit().thenApply(done -> batch.records()))
                .mapConcat(records -> records)
                .map(record -> Pair.create(record, new TopicPartition(record.topic(), record.partition())))
                .viaMat(serving.<TopicPartition>flowWithContext().asFlow(), Keep.both())
                .filter(pair -> {
                    boolean owned = serving.owns(pair.second());
                    if (!owned) {
                        LOG.warn("At-most-once: not writing an output of {}, which this instance no longer owns",
                                pair.second());
                    }
                    return owned;
                })
                .map(pair -> ((ProducerMessage.Message<byte[], byte[], NotUsed>) pair.first()).record())
                .toMat(Producer.plainSink(settings.producerSettings()),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    /** Records consumed at most once, and the offsets to commit before they are processed. */
    private record AtMostOnceBatch(List<ConsumerRecord<byte[], byte[]>> records,
                                   ConsumerMessage.CommittableOffsetBatch offsets) {

        AtMostOnceBatch(ConsumerMessage.CommittableMessage<byte[], byte[]> first) {
            this(new ArrayList<>(List.of(first.record())),
                    ConsumerMessage.createCommittableOffsetBatch(first.committableOffset()));
        }

        AtMostOnceBatch add(ConsumerMessage.CommittableMessage<byte[], byte[]> next) {
            records.add(next.record());
            return new AtMostOnceBatch(records, offsets.updated(next.committableOffset()));
        }

        CompletionStage<Done> commit() {
            return offsets.commitJavadsl();
        }
    }

    /** Commits an offset (in batches) only after the broker acknowledged its output. */
    private static RunnableGraph<Materialized> atLeastOnce(KafkaServingSettings settings, KafkaServing<?, ?> serving) {
        return Consumer.sourceWithOffsetContext(settings.dataConsumerSettings(), serving.dataSubscription())
                .asSource()
                .viaMat(serving.<ConsumerMessage.CommittableOffset>flowWithContext().asFlow(), Keep.both())
                .toMat(Producer.committableSinkWithOffsetContext(settings.producerSettings(),
                                settings.committerSettings()),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    /**
     * Outputs and offsets in one transaction per commit interval. A stable transactional id (an instance id) is
     * fenced first, so a restart does not wait for the transaction its crashed predecessor left open; a random
     * one has no predecessor.
     */
    private static RunnableGraph<Materialized> exactlyOnce(KafkaServingSettings settings, KafkaServing<?, ?> serving) {
        String transactionalId = settings.transactionalId();
        if (settings.instanceId().isPresent()) {
            TransactionFence.fence(settings.producerSettings(), transactionalId);
        }
        return Transactional.sourceWithOffsetContext(settings.dataConsumerSettings(), serving.dataSubscription())
                .asSource()
                .viaMat(serving.<ConsumerMessage.PartitionOffset>flowWithContext().asFlow(), Keep.both())
                .toMat(Transactional.sinkWithOffsetContext(settings.producerSettings(), transactionalId),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }
}
