package io.modelserving.akka.internal.kafka;

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
import akka.stream.javadsl.Source;
import io.modelserving.ScoredRecord;
import io.modelserving.akka.internal.stage.ServingGraph;
import io.modelserving.akka.internal.stage.StageHandle;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.kafka.DecodedRecord;
import io.modelserving.kafka.InputRecord;
import io.modelserving.kafka.ServingCore;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path for each delivery guarantee: an Alpakka consumer source, the serving flow, an Alpakka producer
 * sink. Each materializes the consumer's control, the stage's handle and the sink's completion.
 */
public final class KafkaPipelines<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPipelines.class);

    /** The materialized values of a pipeline. */
    public record Materialized(Consumer.Control control, StageHandle handle, CompletionStage<Done> done) {
    }

    private final KafkaServingSettings settings;
    private final ServingCore<I, O> core;
    private final Source<ModelEvent, NotUsed> models;
    private final GroupMembership membership;

    public KafkaPipelines(KafkaServingSettings settings, ServingCore<I, O> core, Source<ModelEvent, NotUsed> models,
                          GroupMembership membership) {
        this.settings = settings;
        this.core = core;
        this.models = models;
        this.membership = membership;
    }

    public RunnableGraph<Materialized> graph() {
        Subscription data = Subscriptions.topics(settings.topics().data()).withPartitionAssignmentHandler(membership);
        return switch (settings.deliveryGuarantee()) {
            case AT_MOST_ONCE -> atMostOnce(data);
            case AT_LEAST_ONCE -> atLeastOnce(data);
            case EXACTLY_ONCE -> exactlyOnce(data);
        };
    }

    /**
     * Commits each offset before its record is processed: a crash loses what was in flight. An output of a
     * partition this instance no longer owns is not written (its new owner may have read the record already, so
     * writing it could duplicate it): at-most-once never duplicates.
     */
    private RunnableGraph<Materialized> atMostOnce(Subscription data) {
        return Consumer.atMostOnceSource(settings.dataConsumerSettings(), data)
                .map(record -> withContext(record, new TopicPartition(record.topic(), record.partition())))
                .viaMat(this.<TopicPartition>serving(), Keep.both())
                .filter(pair -> {
                    boolean owned = membership.assigned().contains(pair.second());
                    if (!owned) {
                        LOG.warn("At-most-once: not writing an output of {}, which this instance no longer owns",
                                pair.second());
                    }
                    return owned;
                })
                .map(Pair::first)
                .toMat(Producer.plainSink(settings.producerSettings()),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    /** Commits an offset (in batches) only after the broker acknowledged its output. */
    private RunnableGraph<Materialized> atLeastOnce(Subscription data) {
        return Consumer.sourceWithOffsetContext(settings.dataConsumerSettings(), data).asSource()
                .map(pair -> withContext(pair.first(), pair.second()))
                .viaMat(this.<ConsumerMessage.CommittableOffset>serving(), Keep.both())
                .map(pair -> Pair.create(ProducerMessage.<byte[], byte[]>single(pair.first()), pair.second()))
                .toMat(Producer.<byte[], byte[], ProducerMessage.Envelope<byte[], byte[], NotUsed>,
                                ConsumerMessage.CommittableOffset>committableSinkWithOffsetContext(
                                settings.producerSettings(), settings.committerSettings()),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    /** Outputs and offsets in one transaction per commit interval. */
    private RunnableGraph<Materialized> exactlyOnce(Subscription data) {
        // Two live producers with one transactional id fence each other: every instance gets its own.
        String transactionalId = settings.transactionalIdPrefix() + "-" + UUID.randomUUID();
        return Transactional.sourceWithOffsetContext(settings.dataConsumerSettings(), data).asSource()
                .map(pair -> withContext(pair.first(), pair.second()))
                .viaMat(this.<ConsumerMessage.PartitionOffset>serving(), Keep.both())
                .map(pair -> Pair.create(ProducerMessage.<byte[], byte[]>single(pair.first()), pair.second()))
                .toMat(Transactional.sinkWithOffsetContext(settings.producerSettings(), transactionalId),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    private <C> Pair<DecodedRecord<I>, C> withContext(ConsumerRecord<byte[], byte[]> record, C context) {
        InputRecord input = new InputRecord(record.key(), record.value(), record.headers(),
                new ScoredRecord.Origin(record.topic(), record.partition(), record.offset(), record.timestamp()));
        return Pair.create(core.records().decode(input), context);
    }

    private <C> Flow<Pair<DecodedRecord<I>, C>, Pair<ProducerRecord<byte[], byte[]>, C>, StageHandle> serving() {
        return ServingGraph.flow(models, new KafkaPlan<I, O, C>(core), settings.serving());
    }
}
